import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { deprecateServiceAPI } from '#shared/use-cases/service-api.ts';
import { ServiceApiParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'DeprecateServiceAPI',
  group: 'service-api-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}/deprecate',
  access: 'write',
  summary: 'Mark a service API deprecated (it then takes no new models)',
  params: ServiceApiParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deprecateServiceAPI(caller, params),
});

export const handler = lambdaHandler(operation);
