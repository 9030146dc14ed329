import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { createServiceModel } from '#shared/use-cases/service-model.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateServiceModelRequest, ServiceModelCreateParams } from '#shared/schemas/service-model.ts';

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
  run: ({ caller, params, body }) => createServiceModel(caller, params, body),
});

export const handler = lambdaHandler(operation);
