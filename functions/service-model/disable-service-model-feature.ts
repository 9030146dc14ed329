import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { disableServiceModelFeature } from '#shared/use-cases/service-model.ts';
import { DisableServiceModelFeatureRequest, ServiceModelParams } from '#shared/schemas/service-model.ts';

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
  run: ({ caller, params, body }) => disableServiceModelFeature(caller, params, body),
});

export const handler = lambdaHandler(operation);
