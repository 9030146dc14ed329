import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListDependentResourcesResult, ResourceParams } from '#shared/schemas/resource.ts';
import { listDependents } from '#shared/data/repositories/resources.ts';

export const operation = defineOperation({
  operationId: 'ListDependentResource',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/dependent-resource',
  access: 'read',
  summary: 'List the resources that depend on this one',
  params: ResourceParams,
  response: ListDependentResourcesResult,
  run: async ({ params, caller }) => ({
    id: params.id,
    serviceId: params.serviceId,
    ids: await listDependents(caller.orgId, params.serviceId, params.id),
  }),
});

export const handler = lambdaHandler(operation);
