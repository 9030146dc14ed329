import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServiceAPIResult, ServiceApiParams } from '#shared/schemas/service-api.ts';
import { describeServiceApi } from '#shared/data/repositories/service-apis.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceAPI',
  group: 'service-api-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}',
  access: 'read',
  summary: 'Describe a service API with its service name and deployment config',
  params: ServiceApiParams,
  response: DescribeServiceAPIResult,
  run: async ({ caller, params }) => {
    const { api, service, environment } = await describeServiceApi(caller.orgId, params.serviceId, params.id);
    return {
      id: api.serviceApiId,
      serviceId: api.serviceId,
      serviceName: service.name,
      serviceEnvironmentId: api.environmentId,
      deploymentConfigId: environment.deploymentConfigId,
      apiVersion: api.apiVersion,
      description: api.description,
      deprecated: api.deprecated,
    };
  },
});

export const handler = lambdaHandler(operation);
