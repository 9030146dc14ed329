import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { startResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'StartResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/start',
  access: 'consumer',
  summary: 'Start a STOPPED instance',
  description:
    'Answers 202 with the instance DEPLOYING; the change-resource-instance workflow starts its resources in dependency order and settles it RUNNING (FAILED with the reason if a resource fails). 409 unless STOPPED.',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query }) => startResourceInstance(caller, params, query),
});

export const handler = lambdaHandler(operation);
