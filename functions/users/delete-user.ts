import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { deleteUser } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'DeleteUser',
  group: 'users-api',
  method: 'DELETE',
  path: '/2022-09-01-00/user',
  access: 'self',
  summary: "Delete the signed-in user's account",
  description: 'The last root of an org with other members cannot (409); the last member deletes the org too.',
  permissions: ['table:write'],
  run: ({ caller }) => deleteUser(caller),
});

export const handler = lambdaHandler(operation);
