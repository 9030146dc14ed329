import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { restartResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'RestartResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/restart',
  access: 'consumer',
  summary: 'Restart a RUNNING instance',
  description:
    'Answers 202 with the instance DEPLOYING; the workflow restarts its resources in dependency order and settles it RUNNING (FAILED with the reason if a resource fails). 409 unless RUNNING.',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query }) => restartResourceInstance(caller, params, query),
});

export const handler = lambdaHandler(operation);
