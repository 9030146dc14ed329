import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServiceModelResult, ServiceModelParams } from '#shared/schemas/service-model.ts';
import { describeServiceModel } from '#shared/data/repositories/service-models.ts';
import { featureList } from '#shared/domain/service-models.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceModel',
  group: 'service-model-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/model/{id}',
  access: 'read',
  summary: 'Describe a service model with its features and product tier ids',
  params: ServiceModelParams,
  response: DescribeServiceModelResult,
  run: async ({ caller, params }) => {
    const { model, productTierIds } = await describeServiceModel(caller.orgId, params.serviceId, params.id);
    return {
      id: model.serviceModelId,
      serviceId: model.serviceId,
      serviceApiId: model.serviceApiId,
      name: model.name,
      key: model.key,
      description: model.description,
      modelType: model.modelType,
      features: featureList(model.features),
      productTiers: productTierIds,
      accountConfigIds: model.accountConfigIds ?? [],
      // No account config is verified and active until the account-config operations exist.
      activeAccountConfigIds: {},
    };
  },
});

export const handler = lambdaHandler(operation);
