import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { releaseServiceModelStatus } from '#shared/use-cases/service-model.ts';
import { ReleaseServiceModelResult, ServiceModelParams } from '#shared/schemas/service-model.ts';

export const operation = defineOperation({
  operationId: 'ReleaseServiceModelStatus',
  group: 'service-model-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}/release',
  access: 'read',
  summary: 'The release state of the plans of a service model',
  params: ServiceModelParams,
  response: ReleaseServiceModelResult,
  run: ({ caller, params }) => releaseServiceModelStatus(caller, params),
});

export const handler = lambdaHandler(operation);
