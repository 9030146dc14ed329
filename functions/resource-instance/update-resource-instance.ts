import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery, UpdateResourceInstanceRequest } from '#shared/schemas/resource-instance.ts';
import { updateResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'UpdateResourceInstance',
  group: 'resource-instance-api',
  method: 'PATCH',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}',
  access: 'consumer',
  summary: 'Change modifiable parameters of a RUNNING instance',
  description:
    'Only parameters of the version the instance runs, only modifiable ones (400 naming the key); values are checked as at create; keys not named keep their values. A request that changes nothing answers 202 and starts nothing. Otherwise DEPLOYING until the workflow applied the values to every resource, then RUNNING with them (FAILED with the reason, values unchanged, if a resource fails).',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  body: UpdateResourceInstanceRequest,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query, body }) => updateResourceInstance(caller, params, query, body),
});

export const handler = lambdaHandler(operation);
