import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceFromComposeSpecRequest } from '#shared/schemas/service.ts';
import { createServiceFromComposeSpec } from '#shared/use-cases/build/compose.ts';

export const operation = defineOperation({
  operationId: 'CreateServiceFromComposeSpec',
  group: 'service-api',
  method: 'POST',
  path: '/2022-09-01-00/service/composespec',
  access: 'write',
  summary: 'Create a service from a compose spec file; answers its id',
  body: CreateServiceFromComposeSpecRequest,
  response: IdResult,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  run: ({ caller, body }) => createServiceFromComposeSpec(caller, body),
});

export const handler = lambdaHandler(operation);
