import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeResourceMetricsConfigResult, ResourceParams, VersionQuery } from '#shared/schemas/resource.ts';
import { getResource } from '#shared/data/repositories/resources.ts';
import { NotFound } from '#shared/errors.ts';

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
  run: async ({ params, caller }) => {
    const r = await getResource(caller.orgId, params.serviceId, params.id);
    if (!r.metricsConfig) throw new NotFound('metrics config');
    return { id: r.resourceId, serviceId: r.serviceId, metricEndpoint: r.metricsConfig.metricEndpoint };
  },
});

export const handler = lambdaHandler(operation);
