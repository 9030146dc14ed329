import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceRequest } from '#shared/schemas/service.ts';
import { createService } from '#shared/use-cases/service.ts';

export const operation = defineOperation({
  operationId: 'CreateService',
  group: 'service-api',
  method: 'POST',
  path: '/2022-09-01-00/service',
  access: 'write',
  summary: 'Create a service (name unique in the org); answers its id',
  body: CreateServiceRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: async ({ caller, body }) => (await createService(caller.orgId, body)).serviceId,
});

export const handler = lambdaHandler(operation);
