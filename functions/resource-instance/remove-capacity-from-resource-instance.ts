import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery, RemoveCapacityFromResourceInstanceRequest } from '#shared/schemas/resource-instance.ts';
import { removeCapacityFromResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'RemoveCapacityFromResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/remove-capacity',
  access: 'consumer',
  summary: "Remove replicas from the instance's resource",
  description:
    "Within the resource's minReplicas (400 naming the limit). DEPLOYING until the workflow scaled the resource, then RUNNING; a failed scale leaves the replicas as they were and the instance RUNNING with failureReason.",
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  body: RemoveCapacityFromResourceInstanceRequest,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query, body }) => removeCapacityFromResourceInstance(caller, params, query, body),
});

export const handler = lambdaHandler(operation);
