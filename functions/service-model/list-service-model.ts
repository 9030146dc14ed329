import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { listServiceModel } from '#shared/use-cases/service-model.ts';
import { ListServiceModelsResult, ServiceApiModelsParams } from '#shared/schemas/service-model.ts';

export const operation = defineOperation({
  operationId: 'ListServiceModel',
  group: 'service-model-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/serviceapi/{serviceApiId}/model',
  access: 'read',
  summary: 'List the model ids of a service API',
  params: ServiceApiModelsParams,
  response: ListServiceModelsResult,
  run: ({ caller, params }) => listServiceModel(caller, params),
});

export const handler = lambdaHandler(operation);
