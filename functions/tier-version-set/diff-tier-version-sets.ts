import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DiffTierVersionSetsParams, DiffTierVersionSetsResult } from '#shared/schemas/tier-version-set.ts';
import { diffTierVersionSets } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'DiffTierVersionSets',
  group: 'tier-version-set-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set/{version}/diff/{anotherVersion}',
  access: 'read',
  summary: 'Compare two version sets of a product tier, resource by resource',
  params: DiffTierVersionSetsParams,
  response: DiffTierVersionSetsResult,
  run: ({ caller, params }) => diffTierVersionSets(caller, params),
});

export const handler = lambdaHandler(operation);
