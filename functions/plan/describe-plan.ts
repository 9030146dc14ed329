import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribePlanResult } from '#shared/schemas/plan.ts';
import { describePlan } from '#shared/use-cases/plan.ts';

export const operation = defineOperation({
  operationId: 'DescribePlan',
  group: 'plan-api',
  method: 'GET',
  path: '/2022-09-01-00/plan',
  access: 'read',
  summary: "Describe the org's own plan",
  response: DescribePlanResult,
  run: ({ caller }) => describePlan(caller),
});

export const handler = lambdaHandler(operation);
