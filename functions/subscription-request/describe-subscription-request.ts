import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeSubscriptionRequestResult, IdParams } from '#shared/schemas/subscription-request.ts';
import { describeSubscriptionRequest } from '#shared/use-cases/subscription-request.ts';

export const operation = defineOperation({
  operationId: 'DescribeSubscriptionRequest',
  group: 'subscription-request-api',
  method: 'GET',
  path: '/2022-09-01-00/subscription/request/{id}',
  access: 'consumer',
  summary: "Describe one of the caller's org's subscription requests",
  params: IdParams,
  response: DescribeSubscriptionRequestResult,
  run: ({ caller, params }) => describeSubscriptionRequest(caller, params.id),
});

export const handler = lambdaHandler(operation);
