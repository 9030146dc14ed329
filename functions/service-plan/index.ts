import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-plan-api group; one import and one entry per endpoint module.
import * as getServicePlan from './get-service-plan.ts';
import * as listServicePlans from './list-service-plans.ts';

export const operations: readonly AnyOperation[] = [getServicePlan.operation, listServicePlans.operation];
