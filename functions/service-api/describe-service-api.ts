import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { describeServiceAPI } from '#shared/use-cases/service-api.ts';
import { DescribeServiceAPIResult, ServiceApiParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceAPI',
  group: 'service-api-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}',
  access: 'read',
  summary: 'Describe a service API with its service name and deployment config',
  params: ServiceApiParams,
  response: DescribeServiceAPIResult,
  run: ({ caller, params }) => describeServiceAPI(caller, params),
});

export const handler = lambdaHandler(operation);
