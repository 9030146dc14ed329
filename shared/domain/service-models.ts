/**
 * Rules of service APIs and hosting models that need no I/O: accepted model types, the API version format,
 * the feature map a model stores, and how a model copy duplicates its product tiers.
 */
import { normalizeEnumValue } from '#shared/domain/environments.ts';

export const MODEL_TYPES = ['OMNISTRATE_HOSTED', 'CUSTOMER_HOSTED', 'BYOA'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const TIER_TYPES = ['OMNISTRATE_DEDICATED_TENANCY', 'OMNISTRATE_MULTI_TENANCY', 'CUSTOM'] as const;
export type TierType = (typeof TIER_TYPES)[number];

export { normalizeEnumValue };

/** `v1`, `v2`, and pre-release forms like `v1beta1`; what clients put in API paths. */
export const API_VERSION_PATTERN = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;
export const DEFAULT_API_VERSION = 'v1';

export type FeatureConfiguration = Record<string, unknown>;

/** One entry of the wire's `features[]`. */
export interface FeatureDetail {
  feature: string;
  configuration: FeatureConfiguration;
}

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

/** DynamoDB's limit on the writes of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Writes a model copy takes besides two per copied tier (the tier and its key guard): the new model, its key
 * guard, the touches of the service and the service API, and the check of the source model's version.
 */
export const COPY_FIXED_WRITES = 5;

/** True when copying a model with `tierCount` tiers fits in one transaction. */
export function copyFitsOneTransaction(tierCount: number): boolean {
  return COPY_FIXED_WRITES + 2 * tierCount <= MAX_TRANSACTION_ITEMS;
}

/** Attributes every stored item carries that a copy must not inherit. */
const ITEM_BOOKKEEPING = ['pk', 'sk', 'version', 'createdAt', 'updatedAt'] as const;

export interface TierCopyTarget {
  productTierId: string;
  serviceModelId: string;
  modelType: ModelType;
  /** Replaces the tier type of every copy when given. */
  tierType?: TierType;
}

/**
 * The attributes of a product tier copied under a new model: a new id, the new model and its type (and the
 * target tier type when one was asked for); everything else the tier defines (name, key, pricing, features,
 * regions, …) carries over. Table keys, index attributes, versions and timestamps are the caller's to set.
 */
export function copiedTierAttributes(
  source: Record<string, unknown>,
  target: TierCopyTarget,
): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(source);
  for (const a of ITEM_BOOKKEEPING) delete copy[a];
  // Index attributes name the source tier; a copy listed under them would shadow it.
  for (const a of Object.keys(copy)) if (/^gsi\d/.test(a)) delete copy[a];
  copy.productTierId = target.productTierId;
  copy.serviceModelId = target.serviceModelId;
  copy.modelType = target.modelType;
  if (target.tierType) copy.tierType = target.tierType;
  return copy;
}
