import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DisableServiceModelFeatureRequest, ServiceModelParams } from '#shared/schemas/service-model.ts';
import { disableServiceModelFeature } from '#shared/data/repositories/service-models.ts';

export const operation = defineOperation({
  operationId: 'DisableServiceModelFeature',
  group: 'service-model-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}/feature',
  access: 'write',
  summary: 'Disable an enabled feature of a service model (named in a JSON body)',
  params: ServiceModelParams,
  body: DisableServiceModelFeatureRequest,
  permissions: ['table:write'],
  run: async ({ caller, params, body }) => {
    await disableServiceModelFeature(caller.orgId, params.serviceId, params.id, body.feature);
  },
});

export const handler = lambdaHandler(operation);
