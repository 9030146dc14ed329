import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { customerDeleteUser } from '#shared/use-cases/customer-users.ts';

export const operation = defineOperation({
  operationId: 'CustomerDeleteUser',
  group: 'users-api',
  method: 'DELETE',
  path: '/2022-09-01-00/customer-delete-user',
  access: 'self',
  summary: 'Delete the calling customer user and its access',
  description:
    "Called with the customer's token (a provider token answers 403). Refused with 409 while the user is the only root of a subscription that has instances.",
  permissions: ['table:write'],
  run: ({ caller }) => customerDeleteUser(caller),
});

export const handler = lambdaHandler(operation);
