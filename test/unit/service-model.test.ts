import { describe, expect, it } from 'vitest';
import { copyFitsOneTransaction, featureList, featureMap } from '#shared/domain/service-model.ts';
import { copiedTierAttributes } from '#shared/domain/product-tier.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import { CopyServiceModelRequest, CreateServiceModelRequest } from '#shared/schemas/service-model.ts';
import { API_VERSION_PATTERN, CreateServiceAPIRequest } from '#shared/schemas/service-api.ts';

describe('service model rules', () => {
  it('derives the key clients expect from a model name', () => {
    expect(deriveKey('MySQL multi-writer service hosted model')).toBe('mysql-multi-writer-service-hosted-model');
  });

  it('accepts model types in any case and refuses others', () => {
    const base = { serviceApiId: 'sa-1', name: 'M', description: '' };
    expect(CreateServiceModelRequest.parse({ ...base, modelType: 'byoa' }).modelType).toBe('BYOA');
    expect(CreateServiceModelRequest.parse({ ...base, modelType: ' Omnistrate_Hosted ' }).modelType).toBe('OMNISTRATE_HOSTED');
    expect(CreateServiceModelRequest.safeParse({ ...base, modelType: 'SELF_HOSTED' }).success).toBe(false);
    const copy = { name: 'C', description: '', targetServiceModelType: 'customer_hosted', targetTierType: 'custom' };
    expect(CopyServiceModelRequest.parse(copy)).toMatchObject({ targetServiceModelType: 'CUSTOMER_HOSTED', targetTierType: 'CUSTOM' });
    expect(CopyServiceModelRequest.safeParse({ ...copy, targetTierType: 'SHARED' }).success).toBe(false);
  });

  it('features: last configuration of a name wins; the list is sorted by name', () => {
    const map = featureMap([
      { feature: 'LOGS', configuration: { a: 1 } },
      { feature: 'METRICS', configuration: {} },
      { feature: 'LOGS', configuration: { a: 2 } },
    ]);
    expect(map).toEqual({ LOGS: { a: 2 }, METRICS: {} });
    expect(featureList({ b: { x: 1 }, a: {} })).toEqual([
      { feature: 'a', configuration: {} },
      { feature: 'b', configuration: { x: 1 } },
    ]);
    expect(featureList(undefined)).toEqual([]);
  });

  it('API versions look like v1, v2, v1beta1', () => {
    for (const ok of ['v1', 'v2', 'v10', 'v1beta1', 'v2alpha3']) expect(API_VERSION_PATTERN.test(ok)).toBe(true);
    for (const bad of ['1', 'V1', 'v0', 'v1.0', 'version1', 'v', '']) expect(API_VERSION_PATTERN.test(bad)).toBe(false);
    expect(CreateServiceAPIRequest.safeParse({ description: '', serviceEnvironmentId: 'se-1', apiVersion: '1.0' }).success).toBe(false);
  });

  it('a copy fits one transaction up to 47 tiers', () => {
    expect(copyFitsOneTransaction(0)).toBe(true);
    expect(copyFitsOneTransaction(47)).toBe(true);
    expect(copyFitsOneTransaction(48)).toBe(false);
  });

  it('a copied tier gets new ids and the new model type, and keeps its definition', () => {
    const source = {
      pk: 'SVC#s-1',
      sk: 'TIER#pt-old',
      version: 7,
      createdAt: 't0',
      updatedAt: 't1',
      gsi2pk: 'TIER#pt-old',
      entity: 'productTier',
      productTierId: 'pt-old',
      serviceModelId: 'sm-old',
      modelType: 'OMNISTRATE_HOSTED',
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      name: 'Gold',
      key: 'gold',
      pricing: { unit: 'hour', price: 1 },
      // The source's resources are not copied, so neither is their count.
      resourceCount: 7,
    };
    const copy = copiedTierAttributes(source, { productTierId: 'pt-new', serviceModelId: 'sm-new', modelType: 'BYOA' });
    expect(copy).toEqual({
      entity: 'productTier',
      productTierId: 'pt-new',
      serviceModelId: 'sm-new',
      modelType: 'BYOA',
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      name: 'Gold',
      key: 'gold',
      pricing: { unit: 'hour', price: 1 },
    });
    (copy.pricing as { price: number }).price = 2;
    expect(source.pricing.price).toBe(1);
    expect(
      copiedTierAttributes(source, { productTierId: 'x', serviceModelId: 'y', modelType: 'BYOA', tierType: 'CUSTOM' }).tierType,
    ).toBe('CUSTOM');
  });
});
