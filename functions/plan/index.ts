import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the plan-api group; one import and one entry per endpoint module.
import * as describePlan from './describe-plan.ts';
import * as changePlan from './change-plan.ts';

export const operations: readonly AnyOperation[] = [describePlan.operation, changePlan.operation];
