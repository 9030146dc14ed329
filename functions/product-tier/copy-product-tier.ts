import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { copyProductTier } from '#shared/use-cases/product-tier.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CopyProductTierParams, CopyProductTierRequest } from '#shared/schemas/product-tier.ts';

export const operation = defineOperation({
  operationId: 'CopyProductTier',
  group: 'product-tier-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/copy/{sourceId}',
  access: 'write',
  summary: 'Copy a product tier into a service model of the same service; answers the new id',
  params: CopyProductTierParams,
  body: CopyProductTierRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => copyProductTier(caller, params, body),
});

export const handler = lambdaHandler(operation);
