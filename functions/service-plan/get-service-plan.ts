import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { GetServicePlanResult, ServicePlanParams } from '#shared/schemas/service-plan.ts';
import { getServicePlan } from '#shared/use-cases/service-plan.ts';

export const operation = defineOperation({
  operationId: 'GetServicePlan',
  group: 'service-plan-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{productTierId}/service-plan',
  access: 'read',
  summary: 'A product tier joined with its service model, service API and environment',
  params: ServicePlanParams,
  response: GetServicePlanResult,
  run: ({ caller, params }) => getServicePlan(caller.orgId, params.serviceId, params.productTierId),
});

export const handler = lambdaHandler(operation);
