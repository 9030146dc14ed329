import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { releaseServiceAPI } from '#shared/use-cases/service-api.ts';
import { ReleaseServiceAPIRequest, ServiceApiParams } from '#shared/schemas/service-api.ts';

export const operation = defineOperation({
  operationId: 'ReleaseServiceAPI',
  group: 'service-api-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/service-api/{id}/release',
  access: 'write',
  summary: 'Release a plan of the service API as a new version set',
  description: 'Without productTierId, every plan under the API with pending changes is released (one version set each).',
  params: ServiceApiParams,
  body: ReleaseServiceAPIRequest,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  run: ({ caller, params, body }) => releaseServiceAPI(caller, params, body),
});

export const handler = lambdaHandler(operation);
