import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ModifyServicesOrchestrationRequest, ServicesOrchestrationParams } from '#shared/schemas/services-orchestration.ts';
import { modifyServicesOrchestration } from '#shared/use-cases/services-orchestration/orchestration.ts';

export const operation = defineOperation({
  operationId: 'ModifyServicesOrchestration',
  group: 'services-orchestration-api',
  method: 'PATCH',
  path: '/2022-09-01-00/resource-instance/services-orchestration/{id}',
  access: 'consumer',
  summary: 'Apply a changed DSL to a settled orchestration: new deployments created, changed ones updated, removed ones deleted',
  status: 202,
  params: ServicesOrchestrationParams,
  body: ModifyServicesOrchestrationRequest,
  permissions: ['table:write'],
  workflows: ['services-orchestration'],
  run: ({ caller, params, body }) => modifyServicesOrchestration(caller, params.id, body),
});

export const handler = lambdaHandler(operation);
