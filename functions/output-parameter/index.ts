import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the output-parameter-api group; one import and one entry per endpoint module.
import * as createOutputParameter from './create-output-parameter.ts';
import * as describeOutputParameter from './describe-output-parameter.ts';
import * as listOutputParameter from './list-output-parameter.ts';
import * as updateOutputParameter from './update-output-parameter.ts';
import * as deleteOutputParameter from './delete-output-parameter.ts';

export const operations: readonly AnyOperation[] = [
  createOutputParameter.operation,
  describeOutputParameter.operation,
  listOutputParameter.operation,
  updateOutputParameter.operation,
  deleteOutputParameter.operation,
];
