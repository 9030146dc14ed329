import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { describePendingChanges } from '#shared/use-cases/service-api/pending-changes.ts';
import { DescribePendingChangesResult, PendingChangesQuery, ServiceApiParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'DescribePendingChanges',
  group: 'service-api-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}/all-pending-changes',
  access: 'read',
  summary: "Describe a plan's changes since its last release, per resource, with old and new values",
  params: ServiceApiParams,
  query: PendingChangesQuery,
  response: DescribePendingChangesResult,
  run: ({ caller, params, query }) => describePendingChanges(caller, params, query),
});

export const handler = lambdaHandler(operation);
