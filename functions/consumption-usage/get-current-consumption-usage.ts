import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { GetConsumptionUsageResult, GetCurrentConsumptionUsageQuery } from '#shared/schemas/consumption-usage.ts';
import { getCurrentConsumptionUsage } from '#shared/use-cases/metering/usage.ts';

export const operation = defineOperation({
  operationId: 'GetCurrentConsumptionUsage',
  group: 'consumption-usage-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/usage',
  access: 'consumer',
  summary: "The current UTC month's usage per dimension: a customer's subscriptions (or one), a provider's services",
  query: GetCurrentConsumptionUsageQuery,
  response: GetConsumptionUsageResult,
  run: ({ caller, query }) => getCurrentConsumptionUsage(caller, query),
});

export const handler = lambdaHandler(operation);
