import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstancePlanParams, ListResourceInstancesQuery, ListResourceInstancesResult } from '#shared/schemas/resource-instance.ts';
import { listResourceInstances } from '#shared/use-cases/resource-instance/instance.ts';

export const operation = defineOperation({
  operationId: 'ListResourceInstances',
  group: 'resource-instance-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}',
  access: 'consumer',
  summary: "Ids of the plan resource's instances: the customer's subscription's, or the provider's (optionally of one subscriptionId)",
  params: InstancePlanParams,
  query: ListResourceInstancesQuery,
  response: ListResourceInstancesResult,
  run: ({ caller, params, query }) => listResourceInstances(caller, params, query),
});

export const handler = lambdaHandler(operation);
