import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CustomerSignupRequest } from '#shared/schemas/users.ts';
import { customerSignup } from '#shared/use-cases/customer-users.ts';

export const operation = defineOperation({
  operationId: 'CustomerSignup',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/customer-user-signup',
  access: 'provider',
  summary: "Sign a customer up with the provider of the caller's token",
  description:
    "Called by the provider's portal with the provider's token. Creates the customer's own org and root user and mails a verification link (ValidateToken). Body keys match case-insensitively (`legalcompanyname`). An email that is already a customer of this provider answers 409.",
  body: CustomerSignupRequest,
  permissions: ['table:write', 'mail:send'],
  run: ({ caller, body }) => customerSignup(caller, body),
});

export const handler = lambdaHandler(operation);
