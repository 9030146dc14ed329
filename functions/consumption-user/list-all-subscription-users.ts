import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListAllSubscriptionUsersQuery, ListAllSubscriptionUsersResult } from '#shared/schemas/consumption-user.ts';
import { listAllSubscriptionUsers } from '#shared/use-cases/consumption-user.ts';

export const operation = defineOperation({
  operationId: 'ListAllSubscriptionUsers',
  group: 'consumption-user-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/subscription-users',
  access: 'consumer',
  summary: 'List the users of every subscription the caller holds a role on',
  query: ListAllSubscriptionUsersQuery,
  response: ListAllSubscriptionUsersResult,
  run: ({ caller, query }) => listAllSubscriptionUsers(caller, query),
});

export const handler = lambdaHandler(operation);
