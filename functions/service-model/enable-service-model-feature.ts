import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { enableServiceModelFeature } from '#shared/use-cases/service-model.ts';
import { EnableServiceModelFeatureRequest, ServiceModelParams } from '#shared/schemas/service-model.ts';

export const operation = defineOperation({
  operationId: 'EnableServiceModelFeature',
  group: 'service-model-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}/feature',
  access: 'write',
  summary: "Enable a feature of a service model (or replace its configuration)",
  params: ServiceModelParams,
  body: EnableServiceModelFeatureRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => enableServiceModelFeature(caller, params, body),
});

export const handler = lambdaHandler(operation);
