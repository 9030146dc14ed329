import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeUsersByOrgResult } from '#shared/schemas/identity.ts';
import { listOrgUsers } from '#shared/domain/identity/users.ts';

export const operation = defineOperation({
  operationId: 'DescribeUsersByOrg',
  group: 'users-api',
  method: 'GET',
  path: '/2022-09-01-00/org-users',
  access: 'read',
  summary: "The members of the caller's org",
  response: DescribeUsersByOrgResult,
  run: async ({ caller }) => listOrgUsers(caller),
});

export const handler = lambdaHandler(operation);
