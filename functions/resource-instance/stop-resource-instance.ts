import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { stopResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'StopResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/stop',
  access: 'consumer',
  summary: 'Stop a RUNNING instance',
  description:
    'Answers 202 with the instance STOPPING; the workflow stops its resources in reverse dependency order and settles it STOPPED (FAILED with the reason if a resource fails: a failed stop never claims STOPPED). 409 unless RUNNING.',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query }) => stopResourceInstance(caller, params, query),
});

export const handler = lambdaHandler(operation);
