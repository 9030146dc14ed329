import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { BuildServiceFromComposeSpecRequest, BuildServiceFromComposeSpecResult } from '#shared/schemas/service.ts';
import { buildServiceFromComposeSpec } from '#shared/use-cases/build/compose.ts';

export const operation = defineOperation({
  operationId: 'BuildServiceFromComposeSpec',
  group: 'service-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/composespec',
  access: 'write',
  summary: 'Build (create or update) a service, environment, plan and resources from a compose spec',
  body: BuildServiceFromComposeSpecRequest,
  response: BuildServiceFromComposeSpecResult,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  run: ({ caller, body }) => buildServiceFromComposeSpec(caller, body),
});

export const handler = lambdaHandler(operation);
