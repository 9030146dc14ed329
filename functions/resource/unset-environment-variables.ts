import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams, UnsetEnvironmentVariablesRequest } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { unsetEnvironment } from '#shared/domain/resources.ts';

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
  run: async ({ params, body, caller }) => {
    const keys = body.environmentVariables.map((v) => v.key);
    await changeResource(caller, params.serviceId, params.id, 'environmentVariables', (r) => {
      const rest = unsetEnvironment(r.environmentVariables, keys);
      return rest.length === r.environmentVariables.length ? undefined : { ...r, environmentVariables: rest };
    });
  },
});

export const handler = lambdaHandler(operation);
