import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CustomerSigninRequest, CustomerSigninResult } from '#shared/schemas/users.ts';
import { customerSignin } from '#shared/use-cases/customer-users.ts';
import { warmUpPasswordHashing } from '#shared/auth/password.ts';

// Unknown emails are checked against a dummy hash; compute it during the cold start, not the first signin.
warmUpPasswordHashing();

export const operation = defineOperation({
  operationId: 'CustomerSignin',
  group: 'users-api',
  method: 'POST',
  path: '/2022-09-01-00/customer-user-signin',
  access: 'provider',
  summary: "Sign a customer user in to the provider's portal of an environment type",
  description:
    "Called by the provider's portal with the provider's token. Answers a JWT scoped to the provider and to `environmentType` (PROD when absent). A wrong email or password answers 400 `wrong user email or password`; an unverified account 409.",
  body: CustomerSigninRequest,
  response: CustomerSigninResult,
  run: ({ caller, body }) => customerSignin(caller, body),
});

export const handler = lambdaHandler(operation);
