import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { UpdateServiceRequest } from '#shared/schemas/service.ts';
import { updateService } from '#shared/use-cases/service.ts';

export const operation = defineOperation({
  operationId: 'UpdateService',
  group: 'service-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{id}',
  access: 'write',
  summary: "Change a service's name, description or logo (its key stays)",
  params: IdParams,
  body: UpdateServiceRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateService(caller.orgId, params.id, body),
});

export const handler = lambdaHandler(operation);
