import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServiceOfferingResourceResult, ServiceOfferingResourceParams } from '#shared/schemas/service-offering.ts';
import { describeServiceOfferingResource } from '#shared/use-cases/service-offering.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceOfferingResource',
  group: 'service-offering-api',
  method: 'GET',
  path: '/2022-09-01-00/service-offering/{serviceId}/resource/{resourceId}/instance/{instanceId}',
  access: 'consumer',
  summary: "A resource's APIs and their parameters as the offered version released them (instance id `none` for a new instance)",
  params: ServiceOfferingResourceParams,
  response: DescribeServiceOfferingResourceResult,
  run: ({ caller, params }) => describeServiceOfferingResource(caller, params.serviceId, params.resourceId, params.instanceId),
});

export const handler = lambdaHandler(operation);
