import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { SigninRequest, SigninResult } from '#shared/schemas/signin.ts';
import { signin } from '#shared/use-cases/signin.ts';
import { warmUpPasswordHashing } from '#shared/auth/password.ts';

// Unknown emails are checked against a dummy hash; compute it during the cold start, not the first signin.
warmUpPasswordHashing();

export const operation = defineOperation({
  operationId: 'Signin',
  group: 'signin-api',
  method: 'POST',
  path: '/2022-09-01-00/signin',
  access: 'public',
  summary: 'Exchange an email and password for a session JWT',
  description: 'A wrong email or password answers 400 with the same message either way; an unverified account answers 409.',
  body: SigninRequest,
  response: SigninResult,
  run: ({ body }) => signin(body),
});

export const handler = lambdaHandler(operation);
