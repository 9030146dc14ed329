import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams } from '#shared/schemas/resource.ts';
import { deregisterResourceMetricsConfig } from '#shared/use-cases/resource/metrics.ts';

export const operation = defineOperation({
  operationId: 'DeregisterResourceMetricsConfig',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/metrics',
  access: 'write',
  summary: 'Remove the metrics endpoint of a resource',
  params: ResourceParams,
  permissions: ['table:write'],
  run: ({ params, caller }) => deregisterResourceMetricsConfig(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
