import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DisableProductTierFeatureRequest, ProductTierParams } from '#shared/schemas/product-tier.ts';
import { disableProductTierFeature } from '#shared/data/repositories/product-tiers.ts';

export const operation = defineOperation({
  operationId: 'DisableProductTierFeature',
  group: 'product-tier-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{id}/feature',
  access: 'write',
  summary: 'Disable an enabled feature of a product tier (named in a JSON body)',
  params: ProductTierParams,
  body: DisableProductTierFeatureRequest,
  permissions: ['table:write'],
  run: async ({ caller, params, body }) => {
    await disableProductTierFeature(caller.orgId, params.serviceId, params.id, body);
  },
});

export const handler = lambdaHandler(operation);
