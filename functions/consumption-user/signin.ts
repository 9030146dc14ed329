/**
 * consumption-user-api Signin: its operationId repeats signin-api's `Signin`; the two stay apart by their
 * group (decision 010: operations are identified by contract, group and operationId).
 */
import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ConsumptionServiceAuthResult } from '#shared/schemas/users.ts';
import { signin } from '#shared/use-cases/consumption-user.ts';
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
