import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams } from '#shared/schemas/resource.ts';
import { deprecateResource } from '#shared/use-cases/resource/resource.ts';

export const operation = defineOperation({
  operationId: 'DeprecateResource',
  group: 'resource-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/deprecate',
  access: 'write',
  summary: 'Mark a resource deprecated (idempotent)',
  params: ResourceParams,
  permissions: ['table:write'],
  run: ({ params, caller }) => deprecateResource(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
