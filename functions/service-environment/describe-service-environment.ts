import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServiceEnvironmentResult, ServiceEnvironmentParams } from '#shared/schemas/service-environment.ts';
import { describeServiceEnvironment } from '#shared/use-cases/service-environment.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceEnvironment',
  group: 'service-environment-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/environment/{id}',
  access: 'read',
  summary: 'Describe an environment of a service',
  params: ServiceEnvironmentParams,
  response: DescribeServiceEnvironmentResult,
  run: ({ caller, params }) => describeServiceEnvironment(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
