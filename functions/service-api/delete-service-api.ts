import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { deleteServiceAPI } from '#shared/use-cases/service-api.ts';
import { ServiceApiParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'DeleteServiceAPI',
  group: 'service-api-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}',
  access: 'write',
  summary: 'Delete a service API that has no service models',
  params: ServiceApiParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteServiceAPI(caller, params),
});

export const handler = lambdaHandler(operation);
