import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DeregisterActionHookRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { deregisterActionHook } from '#shared/use-cases/resource/action-hook.ts';

export const operation = defineOperation({
  operationId: 'DeregisterActionHook',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/action-hook',
  access: 'write',
  summary: 'Remove the action hook of a resource for a (scope, type)',
  params: ResourceParams,
  body: DeregisterActionHookRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => deregisterActionHook(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
