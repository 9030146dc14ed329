import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { GetUsagePerDayQuery, GetUsageResult } from '#shared/schemas/usage.ts';
import { getUsagePerDay } from '#shared/use-cases/metering/usage.ts';

export const operation = defineOperation({
  operationId: 'GetUsagePerDay',
  group: 'usage-api',
  method: 'GET',
  path: '/2022-09-01-00/usage-per-day',
  access: 'read',
  summary: "The provider org's own usage per UTC day and dimension over startDate–endDate (at most 31 days)",
  query: GetUsagePerDayQuery,
  response: GetUsageResult,
  run: ({ caller, query }) => getUsagePerDay(caller, query),
});

export const handler = lambdaHandler(operation);
