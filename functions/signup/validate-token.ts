import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ValidateTokenRequest } from '#shared/schemas/signup.ts';
import { validateToken } from '#shared/use-cases/signup.ts';

export const operation = defineOperation({
  operationId: 'ValidateToken',
  group: 'signup-api',
  method: 'POST',
  path: '/2022-09-01-00/validate-token',
  access: 'public',
  summary: 'Verify an email address with the token from the verification mail',
  description: 'Activates the user. A token works once and expires after a day.',
  body: ValidateTokenRequest,
  permissions: ['table:write'],
  run: ({ body }) => validateToken(body),
});

export const handler = lambdaHandler(operation);
