import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { TierVersionSet, TierVersionSetParams } from '#shared/schemas/tier-version-set.ts';
import { describeTierVersionSet } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'DescribeTierVersionSet',
  group: 'tier-version-set-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set/{version}',
  access: 'read',
  summary: 'Describe a version set of a product tier',
  params: TierVersionSetParams,
  response: TierVersionSet,
  run: ({ caller, params }) => describeTierVersionSet(caller, params),
});

export const handler = lambdaHandler(operation);
