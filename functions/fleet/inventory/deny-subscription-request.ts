import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentItemParams } from '#shared/schemas/fleet/inventory.ts';
import { denySubscriptionRequest } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'DenySubscriptionRequest',
  group: 'inventory-api',
  method: 'DELETE',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/request/{id}',
  access: 'write',
  summary: 'Deny a PENDING request',
  params: EnvironmentItemParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => denySubscriptionRequest(caller, params),
});

export const handler = lambdaHandler(operation);
