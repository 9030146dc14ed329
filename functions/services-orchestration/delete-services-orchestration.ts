import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServicesOrchestrationParams } from '#shared/schemas/services-orchestration.ts';
import { deleteServicesOrchestration } from '#shared/use-cases/services-orchestration/orchestration.ts';

export const operation = defineOperation({
  operationId: 'DeleteServicesOrchestration',
  group: 'services-orchestration-api',
  method: 'DELETE',
  path: '/2022-09-01-00/resource-instance/services-orchestration/{id}',
  access: 'consumer',
  summary: 'Delete every deployment\'s instance, dependents first, then the orchestration',
  status: 202,
  params: ServicesOrchestrationParams,
  permissions: ['table:write'],
  workflows: ['services-orchestration'],
  run: ({ caller, params }) => deleteServicesOrchestration(caller, params.id),
});

export const handler = lambdaHandler(operation);
