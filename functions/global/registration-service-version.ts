import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceVersionResult, versionInfo } from '#shared/schemas/global.ts';

export const operation = defineOperation({
  operationId: 'registrationServiceVersion',
  group: 'global-api',
  method: 'GET',
  path: '/2022-09-01-00/version',
  access: 'public',
  summary: 'API version and build of the registration service',
  response: ServiceVersionResult,
  run: async () => versionInfo(),
});

export const handler = lambdaHandler(operation);
