import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { regenerateToken } from '#shared/use-cases/signup.ts';

export const operation = defineOperation({
  operationId: 'RegenerateToken',
  group: 'signup-api',
  method: 'POST',
  path: '/2022-09-01-00/users/{id}/regenerate-token',
  access: 'public',
  summary: 'Send a fresh verification mail to a user who has not verified yet',
  description: 'An invited user who has not chosen a password gets a fresh invitation instead. 409 when already verified.',
  params: IdParams,
  permissions: ['table:write', 'mail:send'],
  run: ({ params }) => regenerateToken(params.id),
});

export const handler = lambdaHandler(operation);
