import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { createProductTier } from '#shared/use-cases/product-tier.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateProductTierRequest, ProductTierCreateParams } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'CreateProductTier',
  group: 'product-tier-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/product-tier',
  access: 'write',
  summary: 'Create a product tier (plan) under a service model; answers its id',
  params: ProductTierCreateParams,
  body: CreateProductTierRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => createProductTier(caller, params, body),
});

export const handler = lambdaHandler(operation);
