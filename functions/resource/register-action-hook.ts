import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { RegisterActionHookRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { actionHook, withHook } from '#shared/domain/resources.ts';

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
  run: async ({ params, body, caller }) => {
    const hook = actionHook(body);
    await changeResource(caller, params.serviceId, params.id, 'actionHook', (r) => ({ ...r, actionHooks: withHook(r.actionHooks, hook) }));
  },
});

export const handler = lambdaHandler(operation);
