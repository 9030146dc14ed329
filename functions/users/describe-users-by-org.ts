import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeUsersByOrgResult } from '#shared/schemas/users.ts';
import { describeUsersByOrg } from '#shared/use-cases/users.ts';

export const operation = defineOperation({
  operationId: 'DescribeUsersByOrg',
  group: 'users-api',
  method: 'GET',
  path: '/2022-09-01-00/org-users',
  access: 'read',
  summary: "The members of the caller's org",
  response: DescribeUsersByOrgResult,
  run: ({ caller }) => describeUsersByOrg(caller),
});

export const handler = lambdaHandler(operation);
