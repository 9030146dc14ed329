import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { deleteServiceModel } from '#shared/use-cases/service-model.ts';
import { ServiceModelParams } from '#shared/schemas/service-model.ts';

export const operation = defineOperation({
  operationId: 'DeleteServiceModel',
  group: 'service-model-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}',
  access: 'write',
  summary: 'Delete a service model that has no product tiers',
  params: ServiceModelParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteServiceModel(caller, params),
});

export const handler = lambdaHandler(operation);
