import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ChangePlanRequest } from '#shared/schemas/plan.ts';
import { changePlan } from '#shared/use-cases/plan.ts';

export const operation = defineOperation({
  operationId: 'ChangePlan',
  group: 'plan-api',
  method: 'POST',
  path: '/2022-09-01-00/plan',
  access: 'admin',
  summary: "Change the org's own plan",
  body: ChangePlanRequest,
  permissions: ['table:write'],
  run: ({ caller, body }) => changePlan(caller, body),
});

export const handler = lambdaHandler(operation);
