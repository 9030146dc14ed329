import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams } from '#shared/schemas/resource.ts';
import { deleteResource } from '#shared/use-cases/resource/resource.ts';

export const operation = defineOperation({
  operationId: 'DeleteResource',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}',
  access: 'write',
  summary: 'Delete a resource with its parameters and files',
  description: 'Refused with 409 while another resource depends on it, routes to it or references it from a parameter.',
  params: ResourceParams,
  permissions: ['table:write', 'blob:write'],
  run: ({ params, caller }) => deleteResource(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
