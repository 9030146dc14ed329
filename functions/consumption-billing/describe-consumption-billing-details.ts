import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeConsumptionBillingDetailsQuery, DescribeConsumptionBillingDetailsResult } from '#shared/schemas/consumption-billing.ts';
import { describeConsumptionBillingDetails } from '#shared/use-cases/consumption-billing.ts';

export const operation = defineOperation({
  operationId: 'DescribeConsumptionBillingDetails',
  group: 'consumption-billing-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/billing-details',
  access: 'consumer',
  summary: 'The caller’s payment state: no payment provider is wired, so payment is not configured and there is no portal link',
  query: DescribeConsumptionBillingDetailsQuery,
  response: DescribeConsumptionBillingDetailsResult,
  run: ({ caller, query }) => describeConsumptionBillingDetails(caller, query),
});

export const handler = lambdaHandler(operation);
