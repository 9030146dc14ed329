import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceHealthResult } from '#shared/schemas/global.ts';

export const operation = defineOperation({
  operationId: 'consumptionServiceHealth',
  group: 'global-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/health',
  access: 'public',
  summary: 'Health of the consumption (resource instance) service',
  response: ServiceHealthResult,
  run: async () => ({ status: 'RUNNING' }),
});

export const handler = lambdaHandler(operation);
