/**
 * consumption-user-api Signin. NOT in the registry yet: its operationId repeats signin-api's `Signin`, and the
 * registry, CDK and `/openapi.json` keep operationIds unique until the naming rule for ids that repeat across
 * groups lands (the subscriptions branch). Then one line registers it (see the lead's notes in the report);
 * its handler tests call this module directly.
 */
import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ConsumptionServiceAuthResult } from '#shared/schemas/users.ts';
import { signin } from '#shared/use-cases/customer-users.ts';
import { warmUpPasswordHashing } from '#shared/auth/password.ts';

warmUpPasswordHashing();

export const operation = defineOperation({
  operationId: 'Signin',
  group: 'consumption-user-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/user/signin',
  // The credentials are HTTP basic ones, read by the use case from the Authorization header.
  access: 'public',
  summary: 'Exchange HTTP basic credentials of a customer user for a token',
  description:
    'Authorization: Basic base64(email:password) of a verified customer user; answers `{token}`, a customer token of its provider scoped to PROD. Wrong credentials answer 400 `wrong user email or password`.',
  response: ConsumptionServiceAuthResult,
  run: ({ headers }) => signin(headers.authorization),
});

export const handler = lambdaHandler(operation);
