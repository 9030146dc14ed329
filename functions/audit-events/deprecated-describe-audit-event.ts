import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { AuditEventIdParams, DescribeAuditEventResult } from '#shared/schemas/audit-events.ts';
import { deprecatedDescribeAuditEvent } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'DeprecatedDescribeAuditEvent',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/event/{id}',
  access: 'consumer',
  summary: 'One audit event the caller may see (the older path)',
  params: AuditEventIdParams,
  response: DescribeAuditEventResult,
  run: ({ caller, params }) => deprecatedDescribeAuditEvent(caller, params.id),
});

export const handler = lambdaHandler(operation);
