import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeUserBillingDetailsResult, UserParams } from '#shared/schemas/consumption-user.ts';
import { describeUserBillingDetails } from '#shared/use-cases/consumption-user.ts';

export const operation = defineOperation({
  operationId: 'DescribeUserBillingDetails',
  group: 'consumption-user-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/user/{id}/billing-details',
  access: 'consumer',
  summary: "The caller's billing details (no payment provider is wired: says so)",
  params: UserParams,
  response: DescribeUserBillingDetailsResult,
  run: ({ caller, params }) => describeUserBillingDetails(caller, params.id),
});

export const handler = lambdaHandler(operation);
