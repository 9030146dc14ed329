import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { SignupRequest } from '#shared/schemas/signup.ts';
import { signup } from '#shared/use-cases/signup.ts';

export const operation = defineOperation({
  operationId: 'Signup',
  group: 'signup-api',
  method: 'POST',
  path: '/2022-09-01-00/signup',
  access: 'public',
  summary: 'Create an org and its root user; mails a verification link',
  description: 'The user cannot sign in until the email is verified with ValidateToken. An email already in use answers 409.',
  body: SignupRequest,
  permissions: ['table:write', 'mail:send'],
  run: ({ body }) => signup(body),
});

export const handler = lambdaHandler(operation);
