import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { UpdatePasswordRequest2 } from '#shared/schemas/identity.ts';
import { changeOwnPassword } from '#shared/domain/identity/users.ts';

export const operation = defineOperation({
  operationId: 'UpdatePassword',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/update-password',
  access: 'self',
  summary: "Change the signed-in user's password",
  description: 'Needs the current password in currentPassword.',
  body: UpdatePasswordRequest2,
  permissions: ['table:write'],
  run: async ({ caller, body }) => {
    await changeOwnPassword(caller, body.currentPassword, body.password);
  },
});

export const handler = lambdaHandler(operation);
