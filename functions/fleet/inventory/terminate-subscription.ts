import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentItemParams } from '#shared/schemas/fleet/inventory.ts';
import { terminateSubscription } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'TerminateSubscription',
  group: 'inventory-api',
  method: 'DELETE',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription/{id}',
  access: 'write',
  summary: 'Terminate a subscription (ACTIVE or SUSPENDED)',
  params: EnvironmentItemParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => terminateSubscription(caller, params),
});

export const handler = lambdaHandler(operation);
