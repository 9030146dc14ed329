import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceAPIRequest, ServiceApiCreateParams } from '#shared/schemas/service-api.ts';
import { createServiceApi } from '#shared/data/repositories/service-apis.ts';

export const operation = defineOperation({
  operationId: 'CreateServiceAPI',
  group: 'service-api-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/service-api',
  access: 'write',
  summary: "Create an environment's service API (one per environment); answers its id",
  params: ServiceApiCreateParams,
  body: CreateServiceAPIRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: async ({ caller, params, body }) => {
    const api = await createServiceApi(caller.orgId, params.serviceId, {
      environmentId: body.serviceEnvironmentId,
      description: body.description,
      apiVersion: body.apiVersion,
    });
    return api.serviceApiId;
  },
});

export const handler = lambdaHandler(operation);
