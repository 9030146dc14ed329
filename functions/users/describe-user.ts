import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeUserResult } from '#shared/schemas/identity.ts';
import { describeCaller } from '#shared/domain/identity/users.ts';

export const operation = defineOperation({
  operationId: 'DescribeUser',
  group: 'users-api',
  method: 'GET',
  path: '/2022-09-01-00/user',
  access: 'read',
  summary: 'The signed-in user with their org',
  response: DescribeUserResult,
  run: async ({ caller }) => describeCaller(caller),
});

export const handler = lambdaHandler(operation);
