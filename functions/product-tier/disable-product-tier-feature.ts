import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { disableProductTierFeature } from '#shared/use-cases/product-tier.ts';
import { DisableProductTierFeatureRequest, ProductTierParams } from '#shared/schemas/product-tier.ts';

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
  run: ({ caller, params, body }) => disableProductTierFeature(caller, params, body),
});

export const handler = lambdaHandler(operation);
