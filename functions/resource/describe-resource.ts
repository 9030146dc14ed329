import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeResourceResult, ResourceParams, VersionQuery } from '#shared/schemas/resource.ts';
import { describeResource } from '#shared/use-cases/resource/resource.ts';

export const operation = defineOperation({
  operationId: 'DescribeResource',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}',
  access: 'read',
  summary: 'Describe a resource with its full definition',
  description: 'The current definition, or with ProductTierVersion the resource as that version set released it.',
  params: ResourceParams,
  query: VersionQuery,
  response: DescribeResourceResult,
  run: ({ params, query, caller }) =>
    describeResource(caller, params.serviceId, params.id, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
