import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateSubscriptionRequestBody, SubscriptionRequestIdResult } from '#shared/schemas/subscription-request.ts';
import { createSubscriptionRequest } from '#shared/use-cases/subscription-request.ts';

export const operation = defineOperation({
  operationId: 'CreateSubscriptionRequest',
  group: 'subscription-request-api',
  method: 'POST',
  path: '/2022-09-01-00/subscription/request',
  access: 'consumer',
  summary: 'Request access to a plan that needs approval; answers "subr-…" (PENDING)',
  body: CreateSubscriptionRequestBody,
  response: SubscriptionRequestIdResult,
  permissions: ['table:write'],
  run: ({ caller, body }) => createSubscriptionRequest(caller, body),
});

export const handler = lambdaHandler(operation);
