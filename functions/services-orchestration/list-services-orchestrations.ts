import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListServicesOrchestrationsResult } from '#shared/schemas/services-orchestration.ts';
import { listServicesOrchestrations } from '#shared/use-cases/services-orchestration/orchestration.ts';

export const operation = defineOperation({
  operationId: 'ListServicesOrchestrations',
  group: 'services-orchestration-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/services-orchestration',
  access: 'consumer',
  summary: 'Every orchestration of the caller\'s org (at most 100 per org, so the list is complete)',
  response: ListServicesOrchestrationsResult,
  run: ({ caller }) => listServicesOrchestrations(caller),
});

export const handler = lambdaHandler(operation);
