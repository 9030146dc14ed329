import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListTierVersionSetsQuery, ListTierVersionSetsResult, TierVersionSetsParams } from '#shared/schemas/tier-version-set.ts';
import { listTierVersionSets } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'ListTierVersionSets',
  group: 'tier-version-set-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set',
  access: 'read',
  summary: 'List the version sets of a product tier, newest first',
  params: TierVersionSetsParams,
  query: ListTierVersionSetsQuery,
  response: ListTierVersionSetsResult,
  run: ({ caller, params, query }) => listTierVersionSets(caller, params, query),
});

export const handler = lambdaHandler(operation);
