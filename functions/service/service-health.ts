import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { ReportHealthResult } from '#shared/schemas/service.ts';
import { serviceHealth } from '#shared/use-cases/service.ts';

export const operation = defineOperation({
  operationId: 'ServiceHealth',
  group: 'service-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{id}/health',
  access: 'read',
  summary: 'Health of a service and of each of its environments',
  params: IdParams,
  response: ReportHealthResult,
  run: ({ caller, params }) => serviceHealth(caller.orgId, params.id),
});

export const handler = lambdaHandler(operation);
