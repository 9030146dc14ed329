import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListAllResourceInstancesQuery, ListAllResourceInstancesResult } from '#shared/schemas/resource-instance.ts';
import { listAllResourceInstances } from '#shared/use-cases/resource-instance/instance.ts';

export const operation = defineOperation({
  operationId: 'ListAllResourceInstances',
  group: 'resource-instance-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance',
  access: 'consumer',
  summary: "Instances a customer's subscriptions hold, or a provider's services run, newest first; environmentType narrows; one Query per page",
  query: ListAllResourceInstancesQuery,
  response: ListAllResourceInstancesResult,
  run: ({ caller, query }) => listAllResourceInstances(caller, query),
});

export const handler = lambdaHandler(operation);
