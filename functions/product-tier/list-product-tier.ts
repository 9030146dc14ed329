import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListProductTiersResult, ServiceModelTiersParams } from '#shared/schemas/product-tier.ts';
import { listProductTiers } from '#shared/data/repositories/product-tiers.ts';

export const operation = defineOperation({
  operationId: 'ListProductTier',
  group: 'product-tier-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/model/{serviceModelId}/product-tier',
  access: 'read',
  summary: 'List the product tier ids of a service model',
  params: ServiceModelTiersParams,
  response: ListProductTiersResult,
  run: async ({ caller, params }) => {
    const tiers = await listProductTiers(caller.orgId, params.serviceId, params.serviceModelId);
    return { ids: tiers.map((t) => t.productTierId) };
  },
});

export const handler = lambdaHandler(operation);
