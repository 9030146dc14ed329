import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResetPasswordRequest } from '#shared/schemas/signup.ts';
import { resetPassword } from '#shared/use-cases/signup.ts';

export const operation = defineOperation({
  operationId: 'ResetPassword',
  group: 'signup-api',
  method: 'POST',
  path: '/2022-09-01-00/reset-password',
  access: 'public',
  summary: 'Mail a password reset token',
  description: 'Answers the same whether or not the email belongs to an account. The token is used with ChangePassword.',
  body: ResetPasswordRequest,
  permissions: ['table:write', 'mail:send'],
  run: ({ body }) => resetPassword(body),
});

export const handler = lambdaHandler(operation);
