import { describe, expect, it } from 'vitest';
import {
  enabledFeatureList,
  featureFlags,
  regionList,
  withFeatureDisabled,
  withFeatureEnabled,
} from '#shared/domain/product-tier.ts';
import { servicePlanView, servicePlansOf, type TierSummarySource } from '#shared/domain/service-plan.ts';
import { CopyProductTierRequest, CreateProductTierRequest, UpdateProductTierRequest } from '#shared/schemas/product-tier.ts';

describe('product tier features', () => {
  it('enable stores scope upper-case and replaces an enabled feature; disable needs the matching scope', () => {
    let f = withFeatureEnabled(undefined, ' BILLING ', { arn: 'x' }, 'internal');
    f = withFeatureEnabled(f, 'LOGS', undefined, undefined);
    expect(f).toEqual({ BILLING: { scope: 'INTERNAL', configuration: { arn: 'x' } }, LOGS: { scope: '', configuration: {} } });
    expect(withFeatureEnabled(f, 'LOGS', { a: 1 }, 'customer').LOGS).toEqual({ scope: 'CUSTOMER', configuration: { a: 1 } });
    expect(withFeatureDisabled(f, 'BILLING', 'CUSTOMER')).toBeUndefined();
    expect(withFeatureDisabled(f, 'BILLING', 'Internal')).toEqual({ LOGS: { scope: '', configuration: {} } });
    expect(withFeatureDisabled(f, 'BILLING', undefined)).toEqual({ LOGS: { scope: '', configuration: {} } });
    expect(withFeatureDisabled(f, 'METRICS', undefined)).toBeUndefined();
    // Inherited names are not features.
    expect(withFeatureDisabled({}, 'toString', undefined)).toBeUndefined();
  });

  it('reads on the wire as a sorted list and an enabled map', () => {
    const f = { LOGS: { scope: '', configuration: {} }, BILLING: { scope: 'INTERNAL', configuration: { a: 1 } } };
    expect(enabledFeatureList(f)).toEqual([
      { feature: 'BILLING', scope: 'INTERNAL', configuration: { a: 1 } },
      { feature: 'LOGS', configuration: {} },
    ]);
    expect(featureFlags(f)).toEqual({ BILLING: true, LOGS: true });
    expect(enabledFeatureList(undefined)).toEqual([]);
  });

  it('regions are trimmed and deduplicated in the order given', () => {
    expect(regionList([' us-east-1', 'eu-west-1', 'us-east-1', ''])).toEqual(['us-east-1', 'eu-west-1']);
  });
});

describe('product tier requests', () => {
  const base = { serviceModelId: 'sm-1', name: 'Gold', description: '', planDescription: '' };
  it('tier types are accepted in any case; others, negative limits and missing fields are refused', () => {
    expect(CreateProductTierRequest.parse({ ...base, tierType: 'omnistrate_multi_tenancy' }).tierType).toBe('OMNISTRATE_MULTI_TENANCY');
    expect(CreateProductTierRequest.safeParse({ ...base, tierType: 'SHARED' }).success).toBe(false);
    expect(CreateProductTierRequest.safeParse({ ...base, tierType: 'CUSTOM', maxNumberOfInstances: -1 }).success).toBe(false);
    expect(CreateProductTierRequest.safeParse({ name: 'x', tierType: 'CUSTOM' }).success).toBe(false);
    expect(UpdateProductTierRequest.parse({ tierType: 'Custom', extra: 1 })).toEqual({ tierType: 'CUSTOM' });
    expect(CopyProductTierRequest.parse({ serviceModelId: 'sm-2', name: 'C', description: '', targetTierType: 'custom' }).targetTierType).toBe('CUSTOM');
    expect(CopyProductTierRequest.safeParse({ serviceModelId: 'sm-2', name: 'C' }).success).toBe(false);
  });

  it('pricing takes any JSON value', () => {
    expect(CreateProductTierRequest.parse({ ...base, tierType: 'CUSTOM', pricing: [{ unit: 'h' }] }).pricing).toEqual([{ unit: 'h' }]);
  });
});

describe('service plans', () => {
  const parts = {
    tier: { productTierId: 'pt-1', name: 'Gold', key: 'gold', description: 'd', tierType: 'CUSTOM' },
    model: { serviceModelId: 'sm-1', name: 'M', description: 'md', modelType: 'BYOA' },
    api: { serviceApiId: 'sa-1', description: 'ad', apiVersion: 'v1' },
    environment: { environmentId: 'se-1', deploymentConfigId: 'dc-1' },
    hasPendingChanges: false,
  };
  it('fills every field from a tier that carries only its identity', () => {
    expect(servicePlanView(parts)).toEqual({
      productTierId: 'pt-1',
      productTierName: 'Gold',
      productTierKey: 'gold',
      productTierDescription: 'd',
      productTierPlanDescription: '',
      productTierPricing: {},
      productTierSupport: '',
      productTierDocumentation: '',
      productTierFeatures: {},
      isProductTierDisabled: false,
      tierType: 'CUSTOM',
      AutoApproveSubscription: false,
      awsRegions: [],
      gcpRegions: [],
      azureRegions: [],
      serviceModelId: 'sm-1',
      serviceModelName: 'M',
      serviceModelDescription: 'md',
      serviceModelFeatures: [],
      modelType: 'BYOA',
      accountConfigIds: [],
      activeAccountConfigIds: {},
      serviceApiId: 'sa-1',
      serviceApiDescription: 'ad',
      apiVersion: 'v1',
      serviceEnvironmentId: 'se-1',
      deploymentConfigId: 'dc-1',
      hasPendingChanges: false,
      latestMajorVersion: '',
      versionSetStatus: '',
    });
  });

  it("summaries take the model's type over the tier's copy", () => {
    const models = [{ serviceModelId: 'sm-1', modelType: 'CUSTOMER_HOSTED' }];
    const tiers = [
      { sk: 'TIER#pt-1', productTierId: 'pt-1', serviceModelId: 'sm-1', environmentId: 'se-1', modelType: 'BYOA', name: 'A', description: '', tierType: 'CUSTOM', createdAt: '1' },
      { sk: 'TIER#pt-2', productTierId: 'pt-2', serviceModelId: 'sm-gone', environmentId: 'se-1', modelType: 'BYOA', name: 'B', description: '', tierType: 'CUSTOM', createdAt: '2' },
    ] as unknown as TierSummarySource[];
    expect(servicePlansOf(tiers, models, 'se-1').map((p) => p.modelType)).toEqual(['CUSTOMER_HOSTED', 'BYOA']);
  });
});
