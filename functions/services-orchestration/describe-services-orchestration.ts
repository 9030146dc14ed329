import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServicesOrchestrationResult, ServicesOrchestrationParams } from '#shared/schemas/services-orchestration.ts';
import { describeServicesOrchestration } from '#shared/use-cases/services-orchestration/orchestration.ts';

export const operation = defineOperation({
  operationId: 'DescribeServicesOrchestration',
  group: 'services-orchestration-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/services-orchestration/{id}',
  access: 'consumer',
  summary: 'An orchestration of the caller\'s org: its status and each deployment\'s status, instance and failure reason',
  params: ServicesOrchestrationParams,
  response: DescribeServicesOrchestrationResult,
  run: ({ caller, params }) => describeServicesOrchestration(caller, params.id),
});

export const handler = lambdaHandler(operation);
