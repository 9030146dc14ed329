import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { ReportHealthResult } from '#shared/schemas/service.ts';
import { serviceHealth } from '#shared/data/repositories/services.ts';

export const operation = defineOperation({
  operationId: 'ServiceHealth',
  group: 'service-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{id}/health',
  access: 'read',
  summary: 'Health of a service and of each of its environments',
  params: IdParams,
  response: ReportHealthResult,
  run: async ({ caller, params }) => ({ id: params.id, ...(await serviceHealth(caller.orgId, params.id)) }),
});

export const handler = lambdaHandler(operation);
