import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeConsumptionBillingStatusResult } from '#shared/schemas/consumption-billing.ts';
import { describeConsumptionBillingStatus } from '#shared/use-cases/consumption-billing.ts';

export const operation = defineOperation({
  operationId: 'DescribeConsumptionBillingStatus',
  group: 'consumption-billing-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/billing-status',
  access: 'consumer',
  summary: 'Whether billing is enabled: a live subscription in the caller’s scope is on a plan that charges',
  response: DescribeConsumptionBillingStatusResult,
  run: ({ caller }) => describeConsumptionBillingStatus(caller),
});

export const handler = lambdaHandler(operation);
