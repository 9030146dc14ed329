import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { discardPendingChanges } from '#shared/use-cases/service-api/pending-changes.ts';
import { PendingChangesQuery, ServiceApiParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'DiscardPendingChanges',
  group: 'service-api-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}/all-pending-changes',
  access: 'write',
  summary: "Restore a plan's last released definition (same ids), discarding every change since",
  params: ServiceApiParams,
  query: PendingChangesQuery,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  run: ({ caller, params, query }) => discardPendingChanges(caller, params, query),
});

export const handler = lambdaHandler(operation);
