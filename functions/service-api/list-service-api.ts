import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { listServiceAPI } from '#shared/use-cases/service-api.ts';
import { ListServiceAPIsResult, ServiceEnvironmentApisParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'ListServiceAPI',
  group: 'service-api-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/serviceenvironment/{serviceEnvironmentId}/service-api',
  access: 'read',
  summary: 'List the service API ids of an environment',
  params: ServiceEnvironmentApisParams,
  response: ListServiceAPIsResult,
  run: ({ caller, params }) => listServiceAPI(caller, params),
});

export const handler = lambdaHandler(operation);
