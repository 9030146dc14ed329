import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateServicesOrchestrationRequest, CreateServicesOrchestrationResult } from '#shared/schemas/services-orchestration.ts';
import { createServicesOrchestration } from '#shared/use-cases/services-orchestration/orchestration.ts';

export const operation = defineOperation({
  operationId: 'CreateServicesOrchestration',
  group: 'services-orchestration-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/services-orchestration',
  access: 'consumer',
  summary: 'Deploy several instances as one unit from a DSL (docs/orchestration-dsl.md): checked whole, then created in dependency order by a workflow',
  status: 202,
  body: CreateServicesOrchestrationRequest,
  response: CreateServicesOrchestrationResult,
  permissions: ['table:write'],
  workflows: ['services-orchestration'],
  run: ({ caller, body }) => createServicesOrchestration(caller, body),
});

export const handler = lambdaHandler(operation);
