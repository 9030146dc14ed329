import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ReleaseTierVersionSetRequest, TierVersionSet, TierVersionSetParams } from '#shared/schemas/tier-version-set.ts';
import { releaseTierVersionSet } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'ReleaseTierVersionSet',
  group: 'tier-version-set-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set/{version}/release',
  access: 'write',
  summary: 'Release a pending version set',
  params: TierVersionSetParams,
  body: ReleaseTierVersionSetRequest,
  response: TierVersionSet,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => releaseTierVersionSet(caller, params, body),
});

export const handler = lambdaHandler(operation);
