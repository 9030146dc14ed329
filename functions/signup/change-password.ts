import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ChangePasswordRequest } from '#shared/schemas/signup.ts';
import { changePassword } from '#shared/use-cases/signup.ts';

export const operation = defineOperation({
  operationId: 'ChangePassword',
  group: 'signup-api',
  method: 'POST',
  path: '/2022-09-01-00/change-password',
  access: 'public',
  summary: 'Set a new password with a reset or invitation token',
  description: 'Consumes the token (it works once) and activates the account if it was not yet.',
  body: ChangePasswordRequest,
  permissions: ['table:write'],
  run: ({ body }) => changePassword(body),
});

export const handler = lambdaHandler(operation);
