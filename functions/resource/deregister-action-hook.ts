import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DeregisterActionHookRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { hookIdentity } from '#shared/domain/resources.ts';
import { NotFound } from '#shared/errors.ts';

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
  run: async ({ params, body, caller }) => {
    const { scope, type } = hookIdentity(body.scope, body.type);
    await changeResource(caller, params.serviceId, params.id, 'actionHook', (r) => {
      const rest = r.actionHooks.filter((h) => h.scope !== scope || h.type !== type);
      if (rest.length === r.actionHooks.length) throw new NotFound('action hook');
      return { ...r, actionHooks: rest };
    });
  },
});

export const handler = lambdaHandler(operation);
