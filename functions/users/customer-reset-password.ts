import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CustomerResetPasswordRequest } from '#shared/schemas/users.ts';
import { customerResetPassword } from '#shared/use-cases/customer-users.ts';

export const operation = defineOperation({
  operationId: 'CustomerResetPassword',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/customer-reset-password',
  access: 'provider',
  summary: 'Mail a password reset link to a customer user of the provider',
  description:
    "Called by the provider's portal with the provider's token. ChangePassword (email, token, password) completes the reset. Answers the same whether or not the email is a customer.",
  body: CustomerResetPasswordRequest,
  permissions: ['table:write', 'mail:send'],
  run: ({ caller, body }) => customerResetPassword(caller, body),
});

export const handler = lambdaHandler(operation);
