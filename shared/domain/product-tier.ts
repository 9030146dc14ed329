/**
 * Rules of product tiers (plans) that need no I/O: the features a tier stores and how they read on the wire,
 * region lists, what a tier copy carries over, and the wire view. Type-only imports of entities and schemas
 * (docs/decisions/005).
 */
import type { z } from 'zod';
import type { ProductTierItem, TierFeature } from '#shared/data/entities/product-tier.ts';
import type { ModelType } from '#shared/schemas/service-model.ts';
import type { DescribeProductTierResult, TierType } from '#shared/schemas/product-tier.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';

/**
 * A plan's own definition, of its item: what a release snapshots, a discard puts back and a promotion carries
 * to the next environment. Ids, the key (fixed at creation), counters and release bookkeeping are not in it.
 */
export const TIER_DEFINITION_FIELDS = [
  'name',
  'description',
  'planDescription',
  'tierType',
  'pricing',
  'pricePerUnit',
  'awsRegions',
  'gcpRegions',
  'azureRegions',
  'support',
  'documentation',
  'billingProductID',
  'maxNumberOfInstances',
  'autoApproveSubscription',
  'allowCreatesWhenPaymentNotConfigured',
  'exportUsageMetering',
  'exportUsageMeteringConfig',
  'isDisabled',
  'features',
] as const satisfies readonly (keyof ProductTierItem)[];

/** The plan's definition as comparable bytes (map key order aside). */
export const tierDefinitionJson = (t: ProductTierItem): string => canonicalJson(TIER_DEFINITION_FIELDS.map((f) => t[f] ?? null));

/** Whether two states of a plan hold the same definition. */
export const sameTierDefinition = (a: ProductTierItem, b: ProductTierItem): boolean => tierDefinitionJson(a) === tierDefinitionJson(b);

export type { TierFeature, TierType };

/** Tiers one service model may hold (ListProductTier answers them all, so the list stays bounded). */
export const MAX_TIERS_PER_MODEL = 100;
/** Features one tier may have enabled. */
export const MAX_TIER_FEATURES = 64;

/** One entry of the wire's `enabledFeatures[]`. */
export interface TierFeatureDetail {
  feature: string;
  configuration: Record<string, unknown>;
  scope?: string;
}

export function normalizeScope(scope: string | undefined): string {
  return (scope ?? '').trim().toUpperCase();
}

/** Enabling a feature that is already enabled replaces its scope and configuration. */
export function withFeatureEnabled(
  features: Record<string, TierFeature> | undefined,
  feature: string,
  configuration: Record<string, unknown> | undefined,
  scope: string | undefined,
): Record<string, TierFeature> {
  return { ...features, [feature.trim()]: { scope: normalizeScope(scope), configuration: configuration ?? {} } };
}

/**
 * The features left after disabling one, or undefined when it is not enabled (or enabled with another
 * scope than the one named) — the caller answers 404 then.
 */
export function withFeatureDisabled(
  features: Record<string, TierFeature> | undefined,
  feature: string,
  scope: string | undefined,
): Record<string, TierFeature> | undefined {
  const name = feature.trim();
  if (!features || !Object.hasOwn(features, name)) return undefined;
  const current = features[name];
  const wanted = normalizeScope(scope);
  if (wanted && current.scope && wanted !== current.scope) return undefined;
  const rest = { ...features };
  delete rest[name];
  return rest;
}

/** `enabledFeatures` on the wire, sorted by name so describe output is deterministic. */
export function enabledFeatureList(features: Record<string, TierFeature> | undefined): TierFeatureDetail[] {
  return Object.keys(features ?? {})
    .sort()
    .map((feature) => {
      const f = features![feature];
      return { feature, configuration: f?.configuration ?? {}, ...(f?.scope ? { scope: f.scope } : {}) };
    });
}

/** `features` on the wire: feature name → enabled. Only enabled features are stored, so every value is true. */
export function featureFlags(features: Record<string, TierFeature> | undefined): Record<string, boolean> {
  return Object.fromEntries(Object.keys(features ?? {}).sort().map((f) => [f, true]));
}

/** A region list as stored: trimmed, without blanks or repeats, in the order given. */
export function regionList(regions: readonly string[] | undefined): string[] {
  return [...new Set((regions ?? []).map((r) => r.trim()).filter(Boolean))];
}

/** The provider-set attributes of a tier: what create takes and update/copy may change. */
export interface TierSettings {
  planDescription?: string;
  pricing?: unknown;
  pricePerUnit?: Record<string, unknown>;
  awsRegions?: string[];
  gcpRegions?: string[];
  azureRegions?: string[];
  support?: string;
  documentation?: string;
  billingProductID?: string;
  maxNumberOfInstances?: number;
  autoApproveSubscription?: boolean;
  allowCreatesWhenPaymentNotConfigured?: boolean;
  exportUsageMetering?: boolean;
  exportUsageMeteringConfig?: Record<string, unknown>;
  isDisabled?: boolean;
}

/** Only the settings the caller named, cleaned (regions trimmed and deduplicated). */
export function settingsGiven(s: TierSettings): Partial<ProductTierItem> {
  const out: Partial<ProductTierItem> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  for (const r of ['awsRegions', 'gcpRegions', 'azureRegions'] as const) if (s[r]) out[r] = regionList(s[r]);
  return out;
}

/** The defaults of a new tier's settings: empty pricing and regions, no flags set, enabled, no features. */
export const TIER_DEFAULTS = {
  pricing: {},
  pricePerUnit: {},
  awsRegions: [],
  gcpRegions: [],
  azureRegions: [],
  support: '',
  documentation: '',
  billingProductID: '',
  autoApproveSubscription: false,
  allowCreatesWhenPaymentNotConfigured: false,
  exportUsageMetering: false,
  exportUsageMeteringConfig: {},
  isDisabled: false,
  features: {},
} satisfies Partial<ProductTierItem>;

/**
 * Attributes a copy must not inherit: item bookkeeping, the child count of resources (not copied), and the
 * release state (a copy has no version sets of its own yet).
 */
const ITEM_BOOKKEEPING = ['pk', 'sk', 'version', 'createdAt', 'updatedAt', 'resourceCount', 'release'] as const;

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
export function copiedTierAttributes(source: Record<string, unknown>, target: TierCopyTarget): Record<string, unknown> {
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

/** DescribeProductTier: every field filled (older items may lack some settings). */
export function productTierView(t: ProductTierItem): z.input<typeof DescribeProductTierResult> {
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
}
