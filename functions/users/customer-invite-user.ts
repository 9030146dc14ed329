import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CustomerInviteUserRequest } from '#shared/schemas/users.ts';
import { customerInviteUser } from '#shared/use-cases/customer-users.ts';

export const operation = defineOperation({
  operationId: 'CustomerInviteUser',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/customer-invite-user',
  access: 'admin',
  summary: 'Invite someone by email to become a customer of the provider',
  description:
    'Creates the customer org and its user without a password and mails an invitation; ChangePassword (email, token, password) sets the password and activates the account. An email that is already a customer of this provider answers 409.',
  body: CustomerInviteUserRequest,
  permissions: ['table:write', 'mail:send'],
  run: ({ caller, body }) => customerInviteUser(caller, body),
});

export const handler = lambdaHandler(operation);
