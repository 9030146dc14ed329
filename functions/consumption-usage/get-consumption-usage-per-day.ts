import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { GetConsumptionUsagePerDayQuery, GetConsumptionUsageResult } from '#shared/schemas/consumption-usage.ts';
import { getConsumptionUsagePerDay } from '#shared/use-cases/metering/usage.ts';

export const operation = defineOperation({
  operationId: 'GetConsumptionUsagePerDay',
  group: 'consumption-usage-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/usage-per-day',
  access: 'consumer',
  summary: 'Usage per UTC day and dimension over startDate–endDate (at most 31 days), optionally for one subscription',
  query: GetConsumptionUsagePerDayQuery,
  response: GetConsumptionUsageResult,
  run: ({ caller, query }) => getConsumptionUsagePerDay(caller, query),
});

export const handler = lambdaHandler(operation);
