import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { RevokeUserRoleRequest2 } from '#shared/schemas/identity.ts';
import { revokeMember } from '#shared/domain/identity/users.ts';
import type { Role } from '#shared/auth/caller.ts';

export const operation = defineOperation({
  operationId: 'RevokeUserRole',
  group: 'users-api',
  method: 'DELETE',
  path: '/2022-09-01-00/revoke-user-role',
  access: 'admin',
  summary: "Remove a user from the caller's org",
  description: 'Deletes the member (their sessions stop working). Not yourself, only a root may revoke a root, and the org keeps a root.',
  body: RevokeUserRoleRequest2,
  permissions: ['table:write'],
  run: async ({ caller, body }) => {
    await revokeMember(caller, body.email, body.roleType as Role);
  },
});

export const handler = lambdaHandler(operation);
