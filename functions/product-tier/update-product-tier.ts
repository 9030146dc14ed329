import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { updateProductTier } from '#shared/use-cases/product-tier.ts';
import { ProductTierParams, UpdateProductTierRequest } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'UpdateProductTier',
  group: 'product-tier-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{id}',
  access: 'write',
  summary: 'Change the settings of a product tier (a rename keeps its key)',
  params: ProductTierParams,
  body: UpdateProductTierRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateProductTier(caller, params, body),
});

export const handler = lambdaHandler(operation);
