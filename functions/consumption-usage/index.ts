import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the consumption-usage-api group; one import and one entry per endpoint module.
import * as getCurrentConsumptionUsage from './get-current-consumption-usage.ts';
import * as getConsumptionUsagePerDay from './get-consumption-usage-per-day.ts';

export const operations: readonly AnyOperation[] = [getCurrentConsumptionUsage.operation, getConsumptionUsagePerDay.operation];
