import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResetPasswordRequest } from '#shared/schemas/identity.ts';
import { requestPasswordReset } from '#shared/domain/identity/accounts.ts';

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
  run: async ({ body }) => {
    await requestPasswordReset(body.email);
  },
});

export const handler = lambdaHandler(operation);
