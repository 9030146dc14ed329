import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListAllAuditEventsQuery, ListAuditEventsResult } from '#shared/schemas/audit-events.ts';
import { listAllAuditEvents } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'ListAllAuditEvents',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/audit-events',
  access: 'consumer',
  summary: "The caller's audit log, newest first: a provider's every customer, a customer's own events",
  query: ListAllAuditEventsQuery,
  response: ListAuditEventsResult,
  run: ({ caller, query }) => listAllAuditEvents(caller, query),
});

export const handler = lambdaHandler(operation);
