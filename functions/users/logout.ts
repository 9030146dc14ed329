import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { logout } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'Logout',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/logout',
  access: 'self',
  summary: 'Revoke the session token of this request',
  description: 'Later requests with the same token answer 401.',
  permissions: ['table:write'],
  run: ({ caller }) => logout(caller),
});

export const handler = lambdaHandler(operation);
