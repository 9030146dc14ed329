import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListResourcesQuery, ListResourcesResult, TierResourcesParams } from '#shared/schemas/resource.ts';
import { describeResource, getTier, resourcesOfTier } from '#shared/data/repositories/resources.ts';

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
  run: async ({ params, query, caller }) => {
    await getTier(caller.orgId, params.serviceId, params.productTierId);
    const resources = query.managed === true ? [] : await resourcesOfTier(params.serviceId, params.productTierId);
    return { ids: resources.map((r) => r.resourceId), resources: resources.map(describeResource) };
  },
});

export const handler = lambdaHandler(operation);
