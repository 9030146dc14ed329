import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { RegisterResourceMetricsConfigRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';

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
  run: async ({ params, body, caller }) => {
    await changeResource(caller, params.serviceId, params.id, 'metrics', (r) =>
      r.metricsConfig?.metricEndpoint === body.metricEndpoint ? undefined : { ...r, metricsConfig: { metricEndpoint: body.metricEndpoint } },
    );
  },
});

export const handler = lambdaHandler(operation);
