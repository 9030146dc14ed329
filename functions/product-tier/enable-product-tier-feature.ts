import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { enableProductTierFeature } from '#shared/use-cases/product-tier.ts';
import { EnableProductTierFeatureRequest, ProductTierParams } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'EnableProductTierFeature',
  group: 'product-tier-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{id}/feature',
  access: 'write',
  summary: 'Enable a feature of a product tier, with an optional scope and configuration',
  params: ProductTierParams,
  body: EnableProductTierFeatureRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => enableProductTierFeature(caller, params, body),
});

export const handler = lambdaHandler(operation);
