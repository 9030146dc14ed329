import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { SubscriptionParams, SubscriptionUserRequest } from '#shared/schemas/consumption-user.ts';
import { inviteUser } from '#shared/use-cases/consumption-user.ts';

export const operation = defineOperation({
  operationId: 'InviteUser',
  group: 'consumption-user-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/subscription/{subscriptionId}/invite-user',
  access: 'consumer',
  summary: 'Give a customer user of the same provider a role on the subscription (a root only)',
  params: SubscriptionParams,
  body: SubscriptionUserRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => inviteUser(caller, params.subscriptionId, body),
});

export const handler = lambdaHandler(operation);
