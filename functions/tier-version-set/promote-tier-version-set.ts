import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { TierVersionSet, TierVersionSetParams } from '#shared/schemas/tier-version-set.ts';
import { promoteTierVersionSet } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'PromoteTierVersionSet',
  group: 'tier-version-set-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set/{version}/promote',
  access: 'write',
  summary: 'Make a version set the preferred one (the previous preferred becomes active)',
  params: TierVersionSetParams,
  response: TierVersionSet,
  permissions: ['table:write'],
  run: ({ caller, params }) => promoteTierVersionSet(caller, params),
});

export const handler = lambdaHandler(operation);
