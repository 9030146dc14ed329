import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceApiParams } from '#shared/schemas/service-api.ts';
import { deleteServiceApi } from '#shared/data/repositories/service-apis.ts';

export const operation = defineOperation({
  operationId: 'DeleteServiceAPI',
  group: 'service-api-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}',
  access: 'write',
  summary: 'Delete a service API that has no service models',
  params: ServiceApiParams,
  permissions: ['table:write'],
  run: async ({ caller, params }) => {
    await deleteServiceApi(caller.orgId, params.serviceId, params.id);
  },
});

export const handler = lambdaHandler(operation);
