import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListAuditEventsForServicePlanQuery, ListAuditEventsResult, ServicePlanKeysParams } from '#shared/schemas/audit-events.ts';
import { listAuditEventsForServicePlan } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'ListAuditEventsForServicePlan',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/audit-events',
  access: 'consumer',
  summary: 'The audit events of one plan, addressed by keys, newest first',
  params: ServicePlanKeysParams,
  query: ListAuditEventsForServicePlanQuery,
  response: ListAuditEventsResult,
  run: ({ caller, params, query }) => listAuditEventsForServicePlan(caller, params, query),
});

export const handler = lambdaHandler(operation);
