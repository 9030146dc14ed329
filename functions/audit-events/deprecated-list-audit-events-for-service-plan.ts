import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListAuditEventsForServicePlanQuery, ListAuditEventsResult, ServicePlanKeysParams } from '#shared/schemas/audit-events.ts';
import { deprecatedListAuditEventsForServicePlan } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'DeprecatedListAuditEventsForServicePlan',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/event',
  access: 'consumer',
  summary: 'The audit events of one plan, addressed by keys (the older path)',
  params: ServicePlanKeysParams,
  query: ListAuditEventsForServicePlanQuery,
  response: ListAuditEventsResult,
  run: ({ caller, params, query }) => deprecatedListAuditEventsForServicePlan(caller, params, query),
});

export const handler = lambdaHandler(operation);
