import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceIdParams, ListAuditEventsForInstanceQuery, ListAuditEventsResult } from '#shared/schemas/audit-events.ts';
import { deprecatedListAuditEventsForInstance } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'DeprecatedListAuditEventsForInstance',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{instanceId}/event',
  access: 'consumer',
  summary: 'The audit events of one resource instance (the older path)',
  params: InstanceIdParams,
  query: ListAuditEventsForInstanceQuery,
  response: ListAuditEventsResult,
  run: ({ caller, params, query }) => deprecatedListAuditEventsForInstance(caller, params.instanceId, query),
});

export const handler = lambdaHandler(operation);
