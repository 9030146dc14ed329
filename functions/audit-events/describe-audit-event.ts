import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { AuditEventIdParams, DescribeAuditEventResult } from '#shared/schemas/audit-events.ts';
import { describeAuditEvent } from '#shared/use-cases/audit-events.ts';

export const operation = defineOperation({
  operationId: 'DescribeAuditEvent',
  group: 'audit-events-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/audit-events/{id}',
  access: 'consumer',
  summary: 'One audit event the caller may see',
  params: AuditEventIdParams,
  response: DescribeAuditEventResult,
  run: ({ caller, params }) => describeAuditEvent(caller, params.id),
});

export const handler = lambdaHandler(operation);
