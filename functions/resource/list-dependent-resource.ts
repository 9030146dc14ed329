import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListDependentResourcesResult, ResourceParams } from '#shared/schemas/resource.ts';
import { listDependentResource } from '#shared/use-cases/resource/dependency.ts';

export const operation = defineOperation({
  operationId: 'ListDependentResource',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/dependent-resource',
  access: 'read',
  summary: 'List the resources that depend on this one',
  params: ResourceParams,
  response: ListDependentResourcesResult,
  run: ({ params, caller }) => listDependentResource(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
