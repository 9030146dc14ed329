/**
 * Rules of service (hosting) models that need no I/O: the feature map a model stores, how much one model
 * copy can carry, and the wire view. Type-only imports of entities and schemas (docs/decisions/005).
 */
import type { z } from 'zod';
import type { FeatureConfiguration, ServiceModelItem } from '#shared/data/entities/service-model.ts';
import type { DescribeServiceModelResult } from '#shared/schemas/service-model.ts';

export type { FeatureConfiguration };

/** One entry of the wire's `features[]`. */
export interface FeatureDetail {
  feature: string;
  configuration: FeatureConfiguration;
}

/** Features one model may have enabled (the create list has the same bound). */
export const MAX_MODEL_FEATURES = 64;

/** The stored map from the wire list; a feature named twice keeps its last configuration. */
export function featureMap(list: readonly FeatureDetail[] | undefined): Record<string, FeatureConfiguration> {
  const out: Record<string, FeatureConfiguration> = {};
  for (const f of list ?? []) out[f.feature.trim()] = f.configuration;
  return out;
}

/** The wire list from the stored map, sorted by name so describe output is deterministic. */
export function featureList(map: Record<string, FeatureConfiguration> | undefined): FeatureDetail[] {
  return Object.keys(map ?? {})
    .sort()
    .map((feature) => ({ feature, configuration: map![feature] ?? {} }));
}

/** The features after enabling one (or replacing its configuration); undefined when that would pass the limit. */
export function withModelFeatureEnabled(
  features: Record<string, FeatureConfiguration> | undefined,
  feature: string,
  configuration: FeatureConfiguration,
): Record<string, FeatureConfiguration> | undefined {
  const next = { ...features, [feature.trim()]: configuration };
  return Object.keys(next).length > MAX_MODEL_FEATURES ? undefined : next;
}

/** The features after disabling one; undefined when it is not enabled (the caller answers 404). */
export function withModelFeatureDisabled(
  features: Record<string, FeatureConfiguration> | undefined,
  feature: string,
): Record<string, FeatureConfiguration> | undefined {
  const name = feature.trim();
  if (!features || !Object.hasOwn(features, name)) return undefined;
  const rest = { ...features };
  delete rest[name];
  return rest;
}

/** DynamoDB's limit on the writes of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Writes a model copy takes besides two per copied tier (the tier and its key guard): the new model, its key
 * guard, the touch of the service, the versioned write of the service API (its model count) and the check of
 * the source model's version.
 */
export const COPY_FIXED_WRITES = 5;

/** True when copying a model with `tierCount` tiers fits in one transaction. */
export function copyFitsOneTransaction(tierCount: number): boolean {
  return COPY_FIXED_WRITES + 2 * tierCount <= MAX_TRANSACTION_ITEMS;
}

/** DescribeServiceModel: the model with its features as a sorted list and the ids of its tiers. */
export function serviceModelView(model: ServiceModelItem, productTierIds: string[]): z.input<typeof DescribeServiceModelResult> {
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
}
