import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeSubscriptionRequestResult, EnvironmentItemParams } from '#shared/schemas/fleet/inventory.ts';
import { describeSubscriptionRequest } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'DescribeSubscriptionRequest',
  group: 'inventory-api',
  method: 'GET',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/request/{id}',
  access: 'read',
  summary: 'Describe a subscription request of the environment',
  params: EnvironmentItemParams,
  response: DescribeSubscriptionRequestResult,
  run: ({ caller, params }) => describeSubscriptionRequest(caller, params),
});

export const handler = lambdaHandler(operation);
