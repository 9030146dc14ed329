import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { copyServiceModel } from '#shared/use-cases/service-model.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CopyServiceModelParams, CopyServiceModelRequest } from '#shared/schemas/service-model.ts';

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
  run: ({ caller, params, body }) => copyServiceModel(caller, params, body),
});

export const handler = lambdaHandler(operation);
