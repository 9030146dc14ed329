import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { BuildServiceFromServicePlanSpecRequest, BuildServiceFromServicePlanSpecResult } from '#shared/schemas/service.ts';
import { buildServiceFromServicePlanSpec } from '#shared/use-cases/build/service-plan-spec.ts';

export const operation = defineOperation({
  operationId: 'BuildServiceFromServicePlanSpec',
  group: 'service-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/serviceplanspec',
  access: 'write',
  summary: 'Build (create or update) a service, environment, plan and resources from a service plan spec',
  body: BuildServiceFromServicePlanSpecRequest,
  response: BuildServiceFromServicePlanSpecResult,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  run: ({ caller, body }) => buildServiceFromServicePlanSpec(caller, body),
});

export const handler = lambdaHandler(operation);
