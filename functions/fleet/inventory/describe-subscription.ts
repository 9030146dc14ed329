import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentItemParams, FleetDescribeSubscriptionResult } from '#shared/schemas/fleet/inventory.ts';
import { describeSubscription } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'DescribeSubscription',
  group: 'inventory-api',
  method: 'GET',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/{id}',
  access: 'read',
  summary: 'Describe a subscription of the environment',
  params: EnvironmentItemParams,
  response: FleetDescribeSubscriptionResult,
  run: ({ caller, params }) => describeSubscription(caller, params),
});

export const handler = lambdaHandler(operation);
