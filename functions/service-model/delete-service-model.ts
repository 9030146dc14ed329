import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceModelParams } from '#shared/schemas/service-model.ts';
import { deleteServiceModel } from '#shared/data/repositories/service-models.ts';

export const operation = defineOperation({
  operationId: 'DeleteServiceModel',
  group: 'service-model-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}',
  access: 'write',
  summary: 'Delete a service model that has no product tiers',
  params: ServiceModelParams,
  permissions: ['table:write'],
  run: async ({ caller, params }) => {
    await deleteServiceModel(caller.orgId, params.serviceId, params.id);
  },
});

export const handler = lambdaHandler(operation);
