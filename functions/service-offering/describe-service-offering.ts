import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServiceOfferingResult, ServiceOfferingParams, ServiceOfferingQuery } from '#shared/schemas/service-offering.ts';
import { describeServiceOffering } from '#shared/use-cases/service-offering.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceOffering',
  group: 'service-offering-api',
  method: 'GET',
  path: '/2022-09-01-00/service-offering/{serviceId}',
  access: 'consumer',
  summary: "Describe one service's offerings: its released plans in public environments of the type asked for",
  params: ServiceOfferingParams,
  query: ServiceOfferingQuery,
  response: DescribeServiceOfferingResult,
  run: ({ caller, params, query }) => describeServiceOffering(caller, params.serviceId, query),
});

export const handler = lambdaHandler(operation);
