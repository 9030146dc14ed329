import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { UpdateUserRequest2 } from '#shared/schemas/identity.ts';
import { updateProfile } from '#shared/domain/identity/users.ts';

export const operation = defineOperation({
  operationId: 'UpdateUser',
  group: 'users-api',
  method: 'PATCH',
  path: '/2022-09-01-00/user/{id}',
  access: 'self',
  summary: "Update the signed-in user's profile (and the org's, for root and admin)",
  description: 'The id must be the caller\'s own (403 otherwise). Org fields need the root or admin role.',
  params: IdParams,
  body: UpdateUserRequest2,
  permissions: ['table:write'],
  run: async ({ caller, params, body }) => {
    await updateProfile(caller, params.id, body);
  },
});

export const handler = lambdaHandler(operation);
