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
  description: 'Answers from the current definition; ProductTierVersion is accepted and not yet used.',
  params: ResourceParams,
  query: VersionQuery,
  response: DescribeResourceResult,
  run: ({ params, caller }) => describeResource(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
