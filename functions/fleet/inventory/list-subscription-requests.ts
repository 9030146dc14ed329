import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentParams, ListSubscriptionRequestsQuery, ListSubscriptionRequestsResult } from '#shared/schemas/fleet/inventory.ts';
import { listSubscriptionRequests } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'ListSubscriptionRequests',
  group: 'inventory-api',
  method: 'GET',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/request',
  access: 'read',
  summary: "List the environment's subscription requests, by status",
  params: EnvironmentParams,
  query: ListSubscriptionRequestsQuery,
  response: ListSubscriptionRequestsResult,
  run: ({ caller, params, query }) => listSubscriptionRequests(caller, params, query),
});

export const handler = lambdaHandler(operation);
