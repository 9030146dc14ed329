import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { describeServiceModel } from '#shared/use-cases/service-model.ts';
import { DescribeServiceModelResult, ServiceModelParams } from '#shared/schemas/service-model.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceModel',
  group: 'service-model-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}',
  access: 'read',
  summary: 'Describe a service model with its features and product tier ids',
  params: ServiceModelParams,
  response: DescribeServiceModelResult,
  run: ({ caller, params }) => describeServiceModel(caller, params),
});

export const handler = lambdaHandler(operation);
