import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { deleteProductTier } from '#shared/use-cases/product-tier.ts';
import { ProductTierParams } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'DeleteProductTier',
  group: 'product-tier-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{id}',
  access: 'write',
  summary: 'Delete a product tier that has no resources (409 while it has)',
  params: ProductTierParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteProductTier(caller, params),
});

export const handler = lambdaHandler(operation);
