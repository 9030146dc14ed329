import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentItemParams } from '#shared/schemas/fleet/inventory.ts';
import { suspendSubscription } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'SuspendSubscription',
  group: 'inventory-api',
  method: 'PUT',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/{id}/suspend',
  access: 'write',
  summary: 'Suspend an ACTIVE subscription',
  params: EnvironmentItemParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => suspendSubscription(caller, params),
});

export const handler = lambdaHandler(operation);
