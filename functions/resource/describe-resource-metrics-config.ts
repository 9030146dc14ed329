import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeResourceMetricsConfigResult, ResourceParams, VersionQuery } from '#shared/schemas/resource.ts';
import { describeResourceMetricsConfig } from '#shared/use-cases/resource/metrics.ts';

export const operation = defineOperation({
  operationId: 'DescribeResourceMetricsConfig',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/metrics',
  access: 'read',
  summary: 'Describe the metrics endpoint of a resource',
  params: ResourceParams,
  query: VersionQuery,
  response: DescribeResourceMetricsConfigResult,
  run: ({ params, query, caller }) =>
    describeResourceMetricsConfig(caller, params.serviceId, params.id, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
