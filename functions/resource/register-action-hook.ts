import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { RegisterActionHookRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { registerActionHook } from '#shared/use-cases/resource/action-hook.ts';

export const operation = defineOperation({
  operationId: 'RegisterActionHook',
  group: 'resource-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/action-hook',
  access: 'write',
  summary: 'Register the action hook of a resource for a (scope, type); replaces one already registered',
  params: ResourceParams,
  body: RegisterActionHookRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => registerActionHook(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
