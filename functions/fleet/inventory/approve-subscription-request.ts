import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentItemParams } from '#shared/schemas/fleet/inventory.ts';
import { approveSubscriptionRequest } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'ApproveSubscriptionRequest',
  group: 'inventory-api',
  method: 'PUT',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/request/{id}',
  access: 'write',
  summary: 'Approve a PENDING request: the subscription is created, its requester the root',
  params: EnvironmentItemParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => approveSubscriptionRequest(caller, params),
});

export const handler = lambdaHandler(operation);
