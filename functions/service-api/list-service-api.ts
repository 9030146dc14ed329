import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListServiceAPIsResult, ServiceEnvironmentApisParams } from '#shared/schemas/service-api.ts';
import { listServiceApis } from '#shared/data/repositories/service-apis.ts';

export const operation = defineOperation({
  operationId: 'ListServiceAPI',
  group: 'service-api-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/serviceenvironment/{serviceEnvironmentId}/service-api',
  access: 'read',
  summary: 'List the service API ids of an environment',
  params: ServiceEnvironmentApisParams,
  response: ListServiceAPIsResult,
  run: async ({ caller, params }) => {
    const apis = await listServiceApis(caller.orgId, params.serviceId, params.serviceEnvironmentId);
    return { ids: apis.map((a) => a.serviceApiId) };
  },
});

export const handler = lambdaHandler(operation);
