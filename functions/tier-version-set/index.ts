import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the tier-version-set-api group; one import and one entry per endpoint module.
import * as listTierVersionSets from './list-tier-version-sets.ts';
import * as createTierVersionSet from './create-tier-version-set.ts';
import * as describeTierVersionSet from './describe-tier-version-set.ts';
import * as deprecateTierVersionSet from './deprecate-tier-version-set.ts';
import * as diffTierVersionSets from './diff-tier-version-sets.ts';
import * as promoteTierVersionSet from './promote-tier-version-set.ts';
import * as releaseTierVersionSet from './release-tier-version-set.ts';

export const operations: readonly AnyOperation[] = [
  listTierVersionSets.operation,
  createTierVersionSet.operation,
  describeTierVersionSet.operation,
  deprecateTierVersionSet.operation,
  diffTierVersionSets.operation,
  promoteTierVersionSet.operation,
  releaseTierVersionSet.operation,
];
