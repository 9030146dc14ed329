import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DependencyParams } from '#shared/schemas/resource.ts';
import { removeResourceDependency } from '#shared/use-cases/resource/dependency.ts';

export const operation = defineOperation({
  operationId: 'RemoveResourceDependency',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/resource-dependency/{resourceDependencyId}',
  access: 'write',
  summary: 'Remove a dependency of a resource',
  params: DependencyParams,
  permissions: ['table:write'],
  run: ({ params, caller }) => removeResourceDependency(caller, params.serviceId, params.id, params.resourceDependencyId),
});

export const handler = lambdaHandler(operation);
