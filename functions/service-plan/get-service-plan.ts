import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { GetServicePlanResult, ServicePlanParams } from '#shared/schemas/service-plan.ts';
import { getServicePlan } from '#shared/data/repositories/product-tiers.ts';
import { servicePlanView } from '#shared/domain/service-plans.ts';

export const operation = defineOperation({
  operationId: 'GetServicePlan',
  group: 'service-plan-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{productTierId}/service-plan',
  access: 'read',
  summary: 'A product tier joined with its service model, service API and environment',
  params: ServicePlanParams,
  response: GetServicePlanResult,
  run: async ({ caller, params }) => servicePlanView(await getServicePlan(caller.orgId, params.serviceId, params.productTierId)),
});

export const handler = lambdaHandler(operation);
