import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the usage-api group; one import and one entry per endpoint module.
import * as getCurrentUsage from './get-current-usage.ts';
import * as getUsagePerDay from './get-usage-per-day.ts';

export const operations: readonly AnyOperation[] = [getCurrentUsage.operation, getUsagePerDay.operation];
