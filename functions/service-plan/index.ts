// Operations of the service-plan-api group; one import and one entry per endpoint module.
import * as getServicePlan from './get-service-plan.ts';
import * as listServicePlans from './list-service-plans.ts';

export const operations: unknown[] = [getServicePlan.operation, listServicePlans.operation];
