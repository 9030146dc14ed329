import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListResourceCapabilitiesResult, ResourceParams, VersionQuery } from '#shared/schemas/resource.ts';
import { listResourceCapabilities } from '#shared/use-cases/resource/capability.ts';

export const operation = defineOperation({
  operationId: 'ListResourceCapabilities',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/capability',
  access: 'read',
  summary: 'List the enabled capabilities of a resource',
  params: ResourceParams,
  query: VersionQuery,
  response: ListResourceCapabilitiesResult,
  run: ({ params, query, caller }) =>
    listResourceCapabilities(caller, params.serviceId, params.id, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
