import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { RevokeUserRoleRequest } from '#shared/schemas/users.ts';
import { revokeUserRole } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'RevokeUserRole',
  group: 'users-api',
  method: 'DELETE',
  path: '/2022-09-01-00/revoke-user-role',
  access: 'admin',
  summary: "Remove a user from the caller's org",
  description: 'Deletes the member (their sessions stop working). Not yourself, only a root may revoke a root, and the org keeps a root.',
  body: RevokeUserRoleRequest,
  permissions: ['table:write'],
  run: ({ caller, body }) => revokeUserRole(caller, body),
});

export const handler = lambdaHandler(operation);
