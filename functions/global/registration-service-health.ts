import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceHealthResult } from '#shared/schemas/global.ts';

export const operation = defineOperation({
  operationId: 'registrationServiceHealth',
  group: 'global-api',
  method: 'GET',
  path: '/2022-09-01-00/health',
  access: 'public',
  summary: 'Health of the registration service',
  response: ServiceHealthResult,
  // Answering at all means the function and its runtime are up.
  run: async () => ({ status: 'RUNNING' }),
});

export const handler = lambdaHandler(operation);
