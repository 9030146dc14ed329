import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceModelRequest, ServiceModelCreateParams } from '#shared/schemas/service-model.ts';
import { createServiceModel } from '#shared/data/repositories/service-models.ts';

export const operation = defineOperation({
  operationId: 'CreateServiceModel',
  group: 'service-model-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/model',
  access: 'write',
  summary: 'Create a hosting model under a service API; answers its id',
  params: ServiceModelCreateParams,
  body: CreateServiceModelRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: async ({ caller, params, body }) => {
    const model = await createServiceModel(caller.orgId, params.serviceId, body);
    return model.serviceModelId;
  },
});

export const handler = lambdaHandler(operation);
