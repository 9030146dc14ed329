import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams, UnsetEnvironmentVariablesRequest } from '#shared/schemas/resource.ts';
import { unsetEnvironmentVariables } from '#shared/use-cases/resource/environment-variable.ts';

export const operation = defineOperation({
  operationId: 'UnsetEnvironmentVariables',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/environment-variables',
  access: 'write',
  summary: 'Remove environment variables of a resource by key (keys not set are ignored)',
  params: ResourceParams,
  body: UnsetEnvironmentVariablesRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => unsetEnvironmentVariables(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
