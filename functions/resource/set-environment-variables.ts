import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams, SetEnvironmentVariablesRequest } from '#shared/schemas/resource.ts';
import { setEnvironmentVariables } from '#shared/use-cases/resource/environment-variable.ts';

export const operation = defineOperation({
  operationId: 'SetEnvironmentVariables',
  group: 'resource-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/environment-variables',
  access: 'write',
  summary: 'Set environment variables of a resource (merged by key: others are kept)',
  params: ResourceParams,
  body: SetEnvironmentVariablesRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => setEnvironmentVariables(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
