import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentParams, FleetListSubscriptionQuery, FleetListSubscriptionsResult } from '#shared/schemas/fleet/inventory.ts';
import { listSubscription } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'ListSubscription',
  group: 'inventory-api',
  method: 'GET',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription',
  access: 'read',
  summary: 'List the subscriptions of an environment (optionally of one plan)',
  params: EnvironmentParams,
  query: FleetListSubscriptionQuery,
  response: FleetListSubscriptionsResult,
  run: ({ caller, params, query }) => listSubscription(caller, params, query),
});

export const handler = lambdaHandler(operation);
