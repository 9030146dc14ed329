import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentPlansParams, ListServicePlansResult } from '#shared/schemas/service-plan.ts';
import { listServicePlans } from '#shared/use-cases/service-plan.ts';

export const operation = defineOperation({
  operationId: 'ListServicePlans',
  group: 'service-plan-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/environment/{serviceEnvironmentId}/service-plan',
  access: 'read',
  summary: 'The service plans of an environment',
  params: EnvironmentPlansParams,
  response: ListServicePlansResult,
  run: ({ caller, params }) => listServicePlans(caller.orgId, params.serviceId, params.serviceEnvironmentId),
});

export const handler = lambdaHandler(operation);
