import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { UpdatePasswordRequest } from '#shared/schemas/users.ts';
import { updatePassword } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'UpdatePassword',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/update-password',
  access: 'self',
  summary: "Change the signed-in user's password",
  description: 'Needs the current password in currentPassword.',
  body: UpdatePasswordRequest,
  permissions: ['table:write'],
  run: ({ caller, body }) => updatePassword(caller, body),
});

export const handler = lambdaHandler(operation);
