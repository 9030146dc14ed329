import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/subscription.ts';
import { deleteSubscription } from '#shared/use-cases/subscription.ts';

export const operation = defineOperation({
  operationId: 'DeleteSubscription',
  group: 'subscription-api',
  method: 'DELETE',
  path: '/2022-09-01-00/subscription/{id}',
  access: 'consumer',
  summary: 'Delete a subscription (a root only; refused while it has instances)',
  params: IdParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteSubscription(caller, params.id),
});

export const handler = lambdaHandler(operation);
