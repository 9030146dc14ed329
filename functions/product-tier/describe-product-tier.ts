import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { describeProductTier } from '#shared/use-cases/product-tier.ts';
import { DescribeProductTierQuery, DescribeProductTierResult, ProductTierParams } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'DescribeProductTier',
  group: 'product-tier-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{id}',
  access: 'read',
  summary: 'Describe a product tier: pricing, regions, support, documentation, limits and features',
  params: ProductTierParams,
  query: DescribeProductTierQuery,
  response: DescribeProductTierResult,
  // With `version`, the tier as that version set released it (404 `Version set not found` for an unknown one).
  run: ({ caller, params, query }) => describeProductTier(caller, params, query.version),
});

export const handler = lambdaHandler(operation);
