import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeLimitResult, LimitParams } from '#shared/schemas/limit.ts';
import { describeLimit } from '#shared/use-cases/limit.ts';

export const operation = defineOperation({
  operationId: 'DescribeLimit',
  group: 'limit-api',
  method: 'GET',
  path: '/2022-09-01-00/limit/family/{family}/key/{key}',
  access: 'read',
  summary: "Describe one of the org's limits: its value in force (the org's own, else the default)",
  params: LimitParams,
  response: DescribeLimitResult,
  run: ({ caller, params }) => describeLimit(caller, params.family, params.key),
});

export const handler = lambdaHandler(operation);
