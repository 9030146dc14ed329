import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnvironmentParams, FleetCreateSubscriptionOnBehalfOfCustomerRequest, FleetCreateSubscriptionOnBehalfOfCustomerResult } from '#shared/schemas/fleet/inventory.ts';
import { createSubscriptionOnBehalfOfCustomer } from '#shared/use-cases/fleet/inventory/subscription.ts';

export const operation = defineOperation({
  operationId: 'CreateSubscriptionOnBehalfOfCustomer',
  group: 'inventory-api',
  method: 'POST',
  path: '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/subscription',
  access: 'write',
  summary: 'Subscribe a customer user of the provider to a plan of this environment',
  params: EnvironmentParams,
  body: FleetCreateSubscriptionOnBehalfOfCustomerRequest,
  response: FleetCreateSubscriptionOnBehalfOfCustomerResult,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => createSubscriptionOnBehalfOfCustomer(caller, params, body),
});

export const handler = lambdaHandler(operation);
