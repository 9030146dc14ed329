import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams, UpdateResourceRequest } from '#shared/schemas/resource.ts';
import { updateResource } from '#shared/use-cases/resource/resource.ts';

export const operation = defineOperation({
  operationId: 'UpdateResource',
  group: 'resource-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}',
  access: 'write',
  summary: 'Change a resource: name, description, configurations, environment variables, dependencies',
  description: 'Fields left out are kept; a configuration block or list that is sent replaces the stored one.',
  params: ResourceParams,
  body: UpdateResourceRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => updateResource(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
