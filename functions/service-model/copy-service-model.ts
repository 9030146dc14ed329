import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CopyServiceModelParams, CopyServiceModelRequest } from '#shared/schemas/service-model.ts';
import { copyServiceModel } from '#shared/data/repositories/service-models.ts';

export const operation = defineOperation({
  operationId: 'CopyServiceModel',
  group: 'service-model-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/model/copy/{sourceId}',
  access: 'write',
  summary: 'Copy a service model, with its product tiers, into a model of another type; answers the new id',
  params: CopyServiceModelParams,
  body: CopyServiceModelRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: async ({ caller, params, body }) => {
    const model = await copyServiceModel(caller.orgId, params.serviceId, params.sourceId, body);
    return model.serviceModelId;
  },
});

export const handler = lambdaHandler(operation);
