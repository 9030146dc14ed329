import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { AddCapacityToResourceInstanceRequest, InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { addCapacityToResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'AddCapacityToResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/add-capacity',
  access: 'consumer',
  summary: "Add replicas to the instance's resource",
  description:
    "Within the resource's maxReplicas (400 naming the limit). DEPLOYING until the workflow scaled the resource, then RUNNING; a failed scale leaves the replicas as they were and the instance RUNNING with failureReason.",
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  body: AddCapacityToResourceInstanceRequest,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query, body }) => addCapacityToResourceInstance(caller, params, query, body),
});

export const handler = lambdaHandler(operation);
