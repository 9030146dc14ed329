import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FailoverResourceInstanceRequest, InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { failoverResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'FailoverResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/failover',
  access: 'consumer',
  summary: 'Fail a replica of a multi-zone resource over to another',
  description:
    "failedReplicaID must be a node of the instance's resource, which must be multi-zone (400) and run another replica (409). DEPLOYING until the workflow failed it over, then RUNNING (RUNNING with failureReason if the failover did not happen).",
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  body: FailoverResourceInstanceRequest,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query, body }) => failoverResourceInstance(caller, params, query, body),
});

export const handler = lambdaHandler(operation);
