import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { listProductTier } from '#shared/use-cases/product-tier.ts';
import { ListProductTiersResult, ServiceModelTiersParams } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'ListProductTier',
  group: 'product-tier-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/model/{serviceModelId}/product-tier',
  access: 'read',
  summary: 'List the product tier ids of a service model',
  params: ServiceModelTiersParams,
  response: ListProductTiersResult,
  run: ({ caller, params }) => listProductTier(caller, params),
});

export const handler = lambdaHandler(operation);
