import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { RegisterResourceMetricsConfigRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { registerResourceMetricsConfig } from '#shared/use-cases/resource/metrics.ts';

export const operation = defineOperation({
  operationId: 'RegisterResourceMetricsConfig',
  group: 'resource-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/metrics',
  access: 'write',
  summary: 'Register the metrics (Prometheus) endpoint of a resource; a resource has one, registering again replaces it',
  params: ResourceParams,
  body: RegisterResourceMetricsConfigRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => registerResourceMetricsConfig(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
