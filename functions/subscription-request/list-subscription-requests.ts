import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListSubscriptionRequestsQuery, ListSubscriptionRequestsResult } from '#shared/schemas/subscription-request.ts';
import { listSubscriptionRequests } from '#shared/use-cases/subscription-request.ts';

export const operation = defineOperation({
  operationId: 'ListSubscriptionRequests',
  group: 'subscription-request-api',
  method: 'GET',
  path: '/2022-09-01-00/subscription/request',
  access: 'consumer',
  summary: "List the caller's org's subscription requests, by status",
  query: ListSubscriptionRequestsQuery,
  response: ListSubscriptionRequestsResult,
  run: ({ caller, query }) => listSubscriptionRequests(caller, query),
});

export const handler = lambdaHandler(operation);
