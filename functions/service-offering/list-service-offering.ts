import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListServiceOfferingsResult, ServiceOfferingQuery } from '#shared/schemas/service-offering.ts';
import { listServiceOffering } from '#shared/use-cases/service-offering.ts';

export const operation = defineOperation({
  operationId: 'ListServiceOffering',
  group: 'service-offering-api',
  method: 'GET',
  path: '/2022-09-01-00/service-offering',
  access: 'consumer',
  summary: 'List what is offered: each service with its released plans in public environments of the type asked for',
  query: ServiceOfferingQuery,
  response: ListServiceOfferingsResult,
  run: ({ caller, query }) => listServiceOffering(caller, query),
});

export const handler = lambdaHandler(operation);
