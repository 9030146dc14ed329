import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InviteUserRequest } from '#shared/schemas/users.ts';
import { inviteUser } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'InviteUser',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/invite-user',
  access: 'admin',
  summary: "Invite a user into the caller's org with a role",
  description:
    'Mails an invitation token; the invitee chooses a password with ChangePassword (email, token, password), which activates the account. An email that already belongs to a user answers 409.',
  body: InviteUserRequest,
  permissions: ['table:write', 'mail:send'],
  run: ({ caller, body }) => inviteUser(caller, body),
});

export const handler = lambdaHandler(operation);
