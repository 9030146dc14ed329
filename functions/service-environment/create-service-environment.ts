import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceEnvironmentRequest, ServiceParams } from '#shared/schemas/service-environment.ts';
import { createServiceEnvironment } from '#shared/use-cases/service-environment.ts';

export const operation = defineOperation({
  operationId: 'CreateServiceEnvironment',
  group: 'service-environment-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/environment',
  access: 'write',
  summary: 'Create an environment of a service; answers its id',
  params: ServiceParams,
  body: CreateServiceEnvironmentRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => createServiceEnvironment(caller.orgId, params.serviceId, body),
});

export const handler = lambdaHandler(operation);
