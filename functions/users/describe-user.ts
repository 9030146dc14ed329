import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeUserResult } from '#shared/schemas/users.ts';
import { describeUser } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'DescribeUser',
  group: 'users-api',
  method: 'GET',
  path: '/2022-09-01-00/user',
  access: 'consumer',
  summary: 'The signed-in user with their org',
  description: "Provider users and customer users alike (a customer token sees its own user and its customer org).",
  response: DescribeUserResult,
  run: ({ caller }) => describeUser(caller),
});

export const handler = lambdaHandler(operation);
