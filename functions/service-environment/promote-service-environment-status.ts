import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PromoteServiceEnvironmentStatusResult, ServiceEnvironmentParams } from '#shared/schemas/service-environment.ts';
import { promoteServiceEnvironmentStatus } from '#shared/use-cases/promotion/promote.ts';

export const operation = defineOperation({
  operationId: 'PromoteServiceEnvironmentStatus',
  group: 'service-environment-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/environment/{id}/promote',
  access: 'read',
  summary: 'Whether each environment promoted from this one holds its released plans',
  params: ServiceEnvironmentParams,
  response: PromoteServiceEnvironmentStatusResult,
  run: ({ caller, params }) => promoteServiceEnvironmentStatus(caller, params),
});

export const handler = lambdaHandler(operation);
