import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateResourceInstanceRequest, CreateResourceInstanceResult, InstancePlanParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { createResourceInstance } from '#shared/use-cases/resource-instance/create.ts';

export const operation = defineOperation({
  operationId: 'CreateResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}',
  access: 'consumer',
  summary: 'Create an instance of a released plan: recorded DEPLOYING, created by a workflow; answers its id at once (Idempotency-Key honoured)',
  status: 202,
  params: InstancePlanParams,
  query: InstanceQuery,
  body: CreateResourceInstanceRequest,
  response: CreateResourceInstanceResult,
  permissions: ['table:write'],
  workflows: ['create-resource-instance'],
  run: ({ caller, params, query, body, headers }) => createResourceInstance(caller, params, query, body, headers['idempotency-key']),
});

export const handler = lambdaHandler(operation);
