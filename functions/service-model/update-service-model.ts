import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { updateServiceModel } from '#shared/use-cases/service-model.ts';
import { ServiceModelParams, UpdateServiceModelRequest } from '#shared/schemas/service-model.ts';

export const operation = defineOperation({
  operationId: 'UpdateServiceModel',
  group: 'service-model-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}',
  access: 'write',
  summary: "Change a service model's name or description (its key stays)",
  params: ServiceModelParams,
  body: UpdateServiceModelRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateServiceModel(caller, params, body),
});

export const handler = lambdaHandler(operation);
