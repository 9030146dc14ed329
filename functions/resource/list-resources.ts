import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListResourcesQuery, ListResourcesResult, TierResourcesParams } from '#shared/schemas/resource.ts';
import { listResources } from '#shared/use-cases/resource/resource.ts';

export const operation = defineOperation({
  operationId: 'ListResources',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/producttier/{productTierId}/resource',
  access: 'read',
  summary: 'List the resources of a product tier',
  description:
    'Every resource here is defined by the provider, none is managed by the platform: managed=true answers an empty list.',
  params: TierResourcesParams,
  query: ListResourcesQuery,
  response: ListResourcesResult,
  run: ({ params, query, caller }) =>
    listResources(caller, params.serviceId, params.productTierId, query.managed, { version: query.ProductTierVersion }),
});

export const handler = lambdaHandler(operation);
