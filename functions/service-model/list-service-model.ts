import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListServiceModelsResult, ServiceApiModelsParams } from '#shared/schemas/service-model.ts';
import { listServiceModels } from '#shared/data/repositories/service-models.ts';

export const operation = defineOperation({
  operationId: 'ListServiceModel',
  group: 'service-model-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/serviceapi/{serviceApiId}/model',
  access: 'read',
  summary: 'List the model ids of a service API',
  params: ServiceApiModelsParams,
  response: ListServiceModelsResult,
  run: async ({ caller, params }) => {
    const models = await listServiceModels(caller.orgId, params.serviceId, params.serviceApiId);
    return { ids: models.map((m) => m.serviceModelId) };
  },
});

export const handler = lambdaHandler(operation);
