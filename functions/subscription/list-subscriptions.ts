import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListSubscriptionsQuery, ListSubscriptionsResult } from '#shared/schemas/subscription.ts';
import { listSubscriptions } from '#shared/use-cases/subscription.ts';

export const operation = defineOperation({
  operationId: 'ListSubscriptions',
  group: 'subscription-api',
  method: 'GET',
  path: '/2022-09-01-00/subscription',
  access: 'consumer',
  summary: "List the caller's subscriptions, by service and environment type",
  query: ListSubscriptionsQuery,
  response: ListSubscriptionsResult,
  run: ({ caller, query }) => listSubscriptions(caller, query),
});

export const handler = lambdaHandler(operation);
