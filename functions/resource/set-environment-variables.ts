import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams, SetEnvironmentVariablesRequest } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { mergeEnvironment } from '#shared/domain/resources.ts';

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
  run: async ({ params, body, caller }) => {
    await changeResource(caller, params.serviceId, params.id, 'environmentVariables', (r) => {
      const merged = mergeEnvironment(r.environmentVariables, body.environmentVariables);
      return JSON.stringify(merged) === JSON.stringify(r.environmentVariables) ? undefined : { ...r, environmentVariables: merged };
    });
  },
});

export const handler = lambdaHandler(operation);
