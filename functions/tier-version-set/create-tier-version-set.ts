import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateTierVersionSetRequest, CreateTierVersionSetResult, TierVersionSetsParams } from '#shared/schemas/tier-version-set.ts';
import { createTierVersionSet } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'CreateTierVersionSet',
  group: 'tier-version-set-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set',
  access: 'write',
  summary: 'Cut a Pending version set of the current definition of a tier',
  params: TierVersionSetsParams,
  body: CreateTierVersionSetRequest,
  response: CreateTierVersionSetResult,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  run: ({ caller, params, body }) => createTierVersionSet(caller, params, body),
});

export const handler = lambdaHandler(operation);
