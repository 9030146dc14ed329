import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeProductTierQuery, DescribeProductTierResult, ProductTierParams } from '#shared/schemas/product-tier.ts';
import { getProductTier } from '#shared/data/repositories/product-tiers.ts';
import { enabledFeatureList, featureFlags } from '#shared/domain/product-tiers.ts';

export const operation = defineOperation({
  operationId: 'DescribeProductTier',
  group: 'product-tier-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/product-tier/{id}',
  access: 'read',
  summary: 'Describe a product tier: pricing, regions, support, documentation, limits and features',
  params: ProductTierParams,
  query: DescribeProductTierQuery,
  response: DescribeProductTierResult,
  // `version` is accepted and answered from the current definition until tier version sets exist.
  run: async ({ caller, params }) => {
    const t = await getProductTier(caller.orgId, params.serviceId, params.id);
    return {
      id: t.productTierId,
      serviceId: t.serviceId,
      serviceModelId: t.serviceModelId,
      name: t.name,
      key: t.key,
      description: t.description,
      planDescription: t.planDescription ?? '',
      tierType: t.tierType,
      pricing: t.pricing ?? {},
      pricePerUnit: t.pricePerUnit ?? {},
      awsRegions: t.awsRegions ?? [],
      gcpRegions: t.gcpRegions ?? [],
      azureRegions: t.azureRegions ?? [],
      support: t.support ?? '',
      documentation: t.documentation ?? '',
      billingProductID: t.billingProductID ?? '',
      ...(t.maxNumberOfInstances !== undefined ? { maxNumberOfInstances: t.maxNumberOfInstances } : {}),
      autoApproveSubscription: t.autoApproveSubscription ?? false,
      allowCreatesWhenPaymentNotConfigured: t.allowCreatesWhenPaymentNotConfigured ?? false,
      exportUsageMetering: t.exportUsageMetering ?? false,
      exportUsageMeteringConfig: t.exportUsageMeteringConfig ?? {},
      isDisabled: t.isDisabled ?? false,
      features: featureFlags(t.features),
      enabledFeatures: enabledFeatureList(t.features),
      // Filled by the release issue (resources per API group of a version set) and the account-config issue.
      apiGroups: {},
      cloudProvidersConfigReadiness: {},
    };
  },
});

export const handler = lambdaHandler(operation);
