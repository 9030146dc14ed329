import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceIdParams, ListAuditEventsForInstanceQuery, ListAuditEventsResult } from '#shared/schemas/audit-events.ts';
import { listAuditEventsForInstance } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'ListAuditEventsForInstance',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{instanceId}/audit-events',
  access: 'consumer',
  summary: 'The audit events of one resource instance, newest first (also after it is deleted)',
  params: InstanceIdParams,
  query: ListAuditEventsForInstanceQuery,
  response: ListAuditEventsResult,
  run: ({ caller, params, query }) => listAuditEventsForInstance(caller, params.instanceId, query),
});

export const handler = lambdaHandler(operation);
