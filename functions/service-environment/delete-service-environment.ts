import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceEnvironmentParams } from '#shared/schemas/service-environment.ts';
import { deleteServiceEnvironment } from '#shared/use-cases/service-environment.ts';

export const operation = defineOperation({
  operationId: 'DeleteServiceEnvironment',
  group: 'service-environment-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/environment/{id}',
  access: 'write',
  summary: 'Delete an environment that has no service API and is no promotion source',
  params: ServiceEnvironmentParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteServiceEnvironment(caller.orgId, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
