import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListActionHooksResult, ResourceParams } from '#shared/schemas/resource.ts';
import { listActionHooks } from '#shared/use-cases/resource/action-hook.ts';

export const operation = defineOperation({
  operationId: 'ListActionHooks',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/action-hook',
  access: 'read',
  summary: 'List the action hooks of a resource',
  params: ResourceParams,
  response: ListActionHooksResult,
  run: ({ params, caller }) => listActionHooks(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
