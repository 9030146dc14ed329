import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateResourceInstanceResult, InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { RestoreResourceInstanceRequest } from '#shared/schemas/resource-instance-snapshot.ts';
import { restoreResourceInstance } from '#shared/use-cases/resource-instance/snapshots.ts';

export const operation = defineOperation({
  operationId: 'RestoreResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/restore',
  access: 'consumer',
  summary: 'Restore an instance to a point in time within its retention window, as a new instance (created by a workflow); answers its id',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  body: RestoreResourceInstanceRequest,
  response: CreateResourceInstanceResult,
  permissions: ['table:write'],
  workflows: ['create-resource-instance'],
  run: ({ caller, params, query, body }) => restoreResourceInstance(caller, params, query, params.id, body),
});

export const handler = lambdaHandler(operation);
