import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { updateServiceAPI } from '#shared/use-cases/service-api.ts';
import { ServiceApiParams, UpdateServiceAPIRequest } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'UpdateServiceAPI',
  group: 'service-api-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}',
  access: 'write',
  summary: "Change a service API's description (or version)",
  params: ServiceApiParams,
  body: UpdateServiceAPIRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateServiceAPI(caller, params, body),
});

export const handler = lambdaHandler(operation);
