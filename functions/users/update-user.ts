import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { UpdateUserRequest } from '#shared/schemas/users.ts';
import { updateUser } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'UpdateUser',
  group: 'users-api',
  method: 'PATCH',
  path: '/2022-09-01-00/user/{id}',
  access: 'self',
  summary: "Update the signed-in user's profile (and the org's, for root and admin)",
  description: 'The id must be the caller\'s own (403 otherwise). Org fields need the root or admin role.',
  params: IdParams,
  body: UpdateUserRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateUser(caller, params.id, body),
});

export const handler = lambdaHandler(operation);
