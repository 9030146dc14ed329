import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { SubscribeRequest, SubscriptionIdResult } from '#shared/schemas/subscription.ts';
import { createSubscription } from '#shared/use-cases/subscription.ts';

export const operation = defineOperation({
  operationId: 'CreateSubscription',
  group: 'subscription-api',
  method: 'POST',
  path: '/2022-09-01-00/subscription',
  access: 'consumer',
  summary: 'Subscribe to a plan that approves subscriptions automatically; answers "sub-…"',
  body: SubscribeRequest,
  response: SubscriptionIdResult,
  permissions: ['table:write'],
  run: ({ caller, body }) => createSubscription(caller, body),
});

export const handler = lambdaHandler(operation);
