import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeUsersBySubscriptionResult, SubscriptionParams } from '#shared/schemas/consumption-user.ts';
import { describeUsersBySubscription } from '#shared/use-cases/consumption-user.ts';

export const operation = defineOperation({
  operationId: 'DescribeUsersBySubscription',
  group: 'consumption-user-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/subscription/{subscriptionId}/subscription-users',
  access: 'consumer',
  summary: 'List the users of a subscription and their roles',
  params: SubscriptionParams,
  response: DescribeUsersBySubscriptionResult,
  run: ({ caller, params }) => describeUsersBySubscription(caller, params.subscriptionId),
});

export const handler = lambdaHandler(operation);
