import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceEnvironmentParams, UpdateServiceEnvironmentRequest } from '#shared/schemas/service-environment.ts';
import { updateServiceEnvironment } from '#shared/use-cases/service-environment.ts';

export const operation = defineOperation({
  operationId: 'UpdateServiceEnvironment',
  group: 'service-environment-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/environment/{id}',
  access: 'write',
  summary: 'Change an environment (its type and key stay)',
  params: ServiceEnvironmentParams,
  body: UpdateServiceEnvironmentRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateServiceEnvironment(caller.orgId, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
