import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { GetUsageResult } from '#shared/schemas/usage.ts';
import { getCurrentUsage } from '#shared/use-cases/metering/usage.ts';

export const operation = defineOperation({
  operationId: 'GetCurrentUsage',
  group: 'usage-api',
  method: 'GET',
  path: '/2022-09-01-00/usage',
  access: 'read',
  summary: "The provider org's own usage this UTC month: every instance of its services, across its customers",
  response: GetUsageResult,
  run: ({ caller }) => getCurrentUsage(caller),
});

export const handler = lambdaHandler(operation);
