import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceEnvironmentRequest, ServiceParams } from '#shared/schemas/environment.ts';
import { createEnvironment } from '#shared/data/repositories/environments.ts';

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
  run: async ({ caller, params, body }) => {
    const env = await createEnvironment(caller.orgId, params.serviceId, {
      ...body,
      type: body.type ?? 'DEV',
      visibility: body.visibility ?? 'PRIVATE',
    });
    return env.environmentId;
  },
});

export const handler = lambdaHandler(operation);
