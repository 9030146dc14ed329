import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { createServiceAPI } from '#shared/use-cases/service-api.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceAPIRequest, ServiceApiCreateParams } from '#shared/schemas/service-api.ts';

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
  run: ({ caller, params, body }) => createServiceAPI(caller, params, body),
});

export const handler = lambdaHandler(operation);
