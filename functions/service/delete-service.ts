import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { deleteService } from '#shared/use-cases/service.ts';

export const operation = defineOperation({
  operationId: 'DeleteService',
  group: 'service-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{id}',
  access: 'write',
  summary: 'Delete a service with its whole definition tree, atomically',
  params: IdParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteService(caller.orgId, params.id),
});

export const handler = lambdaHandler(operation);
