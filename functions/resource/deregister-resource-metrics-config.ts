import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ResourceParams } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { NotFound } from '#shared/errors.ts';

export const operation = defineOperation({
  operationId: 'DeregisterResourceMetricsConfig',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/metrics',
  access: 'write',
  summary: 'Remove the metrics endpoint of a resource',
  params: ResourceParams,
  permissions: ['table:write'],
  run: async ({ params, caller }) => {
    await changeResource(caller, params.serviceId, params.id, 'metrics', (r) => {
      if (!r.metricsConfig) throw new NotFound('metrics config');
      const { metricsConfig: _gone, ...rest } = r;
      return rest;
    });
  },
});

export const handler = lambdaHandler(operation);
