import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeSubscriptionResult, IdParams } from '#shared/schemas/subscription.ts';
import { describeSubscription } from '#shared/use-cases/subscription.ts';

export const operation = defineOperation({
  operationId: 'DescribeSubscription',
  group: 'subscription-api',
  method: 'GET',
  path: '/2022-09-01-00/subscription/{id}',
  access: 'consumer',
  summary: 'Describe a subscription the caller holds a role on',
  params: IdParams,
  response: DescribeSubscriptionResult,
  run: ({ caller, params }) => describeSubscription(caller, params.id),
});

export const handler = lambdaHandler(operation);
