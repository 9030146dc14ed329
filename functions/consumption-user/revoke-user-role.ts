import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { SubscriptionParams, SubscriptionUserRequest } from '#shared/schemas/consumption-user.ts';
import { revokeUserRole } from '#shared/use-cases/consumption-user.ts';

export const operation = defineOperation({
  operationId: 'RevokeUserRole',
  group: 'consumption-user-api',
  method: 'DELETE',
  path: '/2022-09-01-00/resource-instance/subscription/{subscriptionId}/revoke-user-role',
  access: 'consumer',
  summary: "Remove a user's role on the subscription (a root only; the last root stays)",
  params: SubscriptionParams,
  body: SubscriptionUserRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => revokeUserRole(caller, params.subscriptionId, body),
});

export const handler = lambdaHandler(operation);
