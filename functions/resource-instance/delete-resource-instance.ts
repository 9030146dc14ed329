import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { deleteResourceInstance } from '#shared/use-cases/resource-instance/instance.ts';

export const operation = defineOperation({
  operationId: 'DeleteResourceInstance',
  group: 'resource-instance-api',
  method: 'DELETE',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}',
  access: 'consumer',
  summary: 'Delete an instance (RUNNING, STOPPED or FAILED): DELETING at once, removed by a workflow',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  permissions: ['table:write'],
  workflows: ['delete-resource-instance'],
  run: ({ caller, params, query }) => deleteResourceInstance(caller, params, query, params.id),
});

export const handler = lambdaHandler(operation);
