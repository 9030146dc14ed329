import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/subscription-request.ts';
import { cancelSubscriptionRequest } from '#shared/use-cases/subscription-request.ts';

export const operation = defineOperation({
  operationId: 'CancelSubscriptionRequest',
  group: 'subscription-request-api',
  method: 'DELETE',
  path: '/2022-09-01-00/subscription/request/{id}',
  access: 'consumer',
  summary: 'Cancel a PENDING subscription request',
  params: IdParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => cancelSubscriptionRequest(caller, params.id),
});

export const handler = lambdaHandler(operation);
