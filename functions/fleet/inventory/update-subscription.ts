import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentItemParams, FleetUpdateSubscriptionRequest } from '#shared/schemas/fleet/inventory.ts';
import { updateSubscription } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'UpdateSubscription',
  group: 'inventory-api',
  method: 'PATCH',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/{id}',
  access: 'write',
  summary: "Change a subscription's billing fields",
  params: EnvironmentItemParams,
  body: FleetUpdateSubscriptionRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateSubscription(caller, params, body),
});

export const handler = lambdaHandler(operation);
