import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { AddResourceDependencyRequest, DependencyParams } from '#shared/schemas/resource.ts';
import { addResourceDependency } from '#shared/use-cases/resource/dependency.ts';

export const operation = defineOperation({
  operationId: 'AddResourceDependency',
  group: 'resource-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/resource-dependency/{resourceDependencyId}',
  access: 'write',
  summary: 'Make a resource depend on another resource of the same tier',
  description: 'Refused with 400 when it would create a cycle or points outside the tier; adding it again replaces its parameter map.',
  params: DependencyParams,
  body: AddResourceDependencyRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) =>
    addResourceDependency(caller, params.serviceId, params.id, params.resourceDependencyId, body.parameterMap),
});

export const handler = lambdaHandler(operation);
