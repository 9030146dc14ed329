import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { TierVersionSet, TierVersionSetParams } from '#shared/schemas/tier-version-set.ts';
import { deprecateTierVersionSet } from '#shared/use-cases/tier-version-set/version-set.ts';

export const operation = defineOperation({
  operationId: 'DeprecateTierVersionSet',
  group: 'tier-version-set-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/productTier/{productTierId}/version-set/{version}/deprecate',
  access: 'write',
  summary: 'Deprecate a version set (not the preferred one)',
  params: TierVersionSetParams,
  response: TierVersionSet,
  permissions: ['table:write'],
  run: ({ caller, params }) => deprecateTierVersionSet(caller, params),
});

export const handler = lambdaHandler(operation);
