/**
 * A product tier (plan): `TIER#<id>` in its service's partition, under one service model. Its key is unique
 * within the model (`UNIQUE#TIERKEY#<serviceModelId>#<key>`, holding `productTierId` and the key as `value`):
 * the guard range of a model is how its tiers are listed and how a tier key resolves to its id.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, stamp, type Guard, type Key, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import type { ModelType } from '#shared/schemas/service-model.ts';
import type { TierType } from '#shared/schemas/product-tier.ts';

const byCreation = (a: Stored, b: Stored) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);

/** One enabled feature as stored: its optional scope (e.g. INTERNAL) and its configuration. */
export interface TierFeature {
  /** '' when the caller gave none. */
  scope: string;
  configuration: Record<string, unknown>;
}

export interface ProductTierItem extends Stored {
  entity: 'productTier';
  orgId: string;
  serviceId: string;
  productTierId: string;
  environmentId: string;
  serviceApiId: string;
  serviceModelId: string;
  /** The model's type, kept on the tier so the service's plan summaries need no join. */
  modelType: ModelType;
  name: string;
  key: string;
  description: string;
  planDescription: string;
  tierType: TierType;
  /** Any JSON value, as given; `{}` when none was. */
  pricing: unknown;
  pricePerUnit: Record<string, unknown>;
  awsRegions: string[];
  gcpRegions: string[];
  azureRegions: string[];
  support: string;
  documentation: string;
  billingProductID: string;
  /** Absent when the provider set no limit. */
  maxNumberOfInstances?: number;
  autoApproveSubscription: boolean;
  allowCreatesWhenPaymentNotConfigured: boolean;
  exportUsageMetering: boolean;
  exportUsageMeteringConfig: Record<string, unknown>;
  isDisabled: boolean;
  /** Enabled features by name; disabling removes the entry. */
  features: Record<string, TierFeature>;
}

/** Everything a tier holds but its table key and bookkeeping. */
export type ProductTierFields = Omit<ProductTierItem, keyof Stored>;

/** A new tier item, keyed and stamped (version 1). */
export function newProductTierItem(fields: ProductTierFields): ProductTierItem {
  return stamp({ ...fields, ...keys.productTier(fields.serviceId, fields.productTierId) });
}

/** A product tier of the service in the path, in the caller's org, or 404. */
export async function getProductTier(orgId: string, serviceId: string, productTierId: string): Promise<ProductTierItem> {
  const item = await getItem<ProductTierItem>(keys.productTier(serviceId, productTierId));
  if (!item || item.entity !== 'productTier' || item.orgId !== orgId) throw new NotFound('product tier');
  return item;
}

/** Every product tier of a service (one Query on its `TIER#` items), oldest first. */
export async function tiersOfService(serviceId: string): Promise<ProductTierItem[]> {
  const tiers = await queryAll<ProductTierItem>(keys.productTiersOfService(serviceId));
  return tiers.sort(byCreation);
}

export const productTierKeyTaken = (key: string, serviceModelId: string) =>
  `a product tier with key "${key}" already exists in service model ${serviceModelId}`;

/** The tier's key guard: unique within its model; holds the tier's id, its key (`value`) and creation time. */
export function productTierKeyGuard(tier: Pick<ProductTierItem, 'serviceId' | 'serviceModelId' | 'key' | 'productTierId' | 'createdAt'>): Guard {
  return {
    key: keys.tierKeyGuard(tier.serviceId, tier.serviceModelId, tier.key),
    conflict: productTierKeyTaken(tier.key, tier.serviceModelId),
    attributes: { productTierId: tier.productTierId, value: tier.key, createdAt: tier.createdAt },
  };
}

/** A tier of a model as its key guard records it. */
export interface ProductTierRef {
  productTierId: string;
  key: string;
  createdAt: string;
}

interface KeyGuardItem extends Key {
  productTierId: string;
  value?: string;
  createdAt?: string;
}

/** The tiers of a model, oldest first: one consistent Query on the model's key guards (bounded per model). */
export async function productTierRefsOfModel(serviceId: string, serviceModelId: string): Promise<ProductTierRef[]> {
  const guards = await queryAll<KeyGuardItem>(keys.tierKeyGuardsOfModel(serviceId, serviceModelId));
  return guards
    .map((g) => ({ productTierId: g.productTierId, key: g.value ?? '', createdAt: g.createdAt ?? '' }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.productTierId.localeCompare(b.productTierId));
}

/** The tier items of a model, oldest first: its key guards, then one consistent GetItem per tier. */
export async function productTiersOfModel(orgId: string, serviceId: string, serviceModelId: string): Promise<ProductTierItem[]> {
  const refs = await productTierRefsOfModel(serviceId, serviceModelId);
  const tiers = await Promise.all(refs.map((r) => getItem<ProductTierItem>(keys.productTier(serviceId, r.productTierId))));
  return tiers.filter((t): t is ProductTierItem => t?.entity === 'productTier' && t.orgId === orgId);
}

/** The tier with this key in the model (the instance paths carry keys), or 404. */
export async function productTierByKey(orgId: string, serviceId: string, serviceModelId: string, key: string): Promise<ProductTierItem> {
  const guard = await getItem<KeyGuardItem>(keys.tierKeyGuard(serviceId, serviceModelId, key));
  if (!guard) throw new NotFound('product tier');
  return getProductTier(orgId, serviceId, guard.productTierId);
}

/** The ids of the tier's resources: one consistent Query on their key guards (each holds `resourceId`). */
export async function resourceIdsOfTier(serviceId: string, productTierId: string): Promise<string[]> {
  const guards = await queryAll<{ resourceId?: string }>(keys.resourceKeyGuardsOfTier(serviceId, productTierId));
  return guards.map((g) => g.resourceId).filter((id): id is string => typeof id === 'string');
}

/** The keys of the tier's definition log (`CHANGE#<tierId>#…`): removed with the tier. */
export async function changeKeysOfTier(serviceId: string, productTierId: string): Promise<Key[]> {
  const changes = await queryAll<Key>(keys.changesOfTier(serviceId, productTierId));
  return changes.map((c) => ({ pk: c.pk, sk: c.sk }));
}

/** The parent touch of a child of the tier (its resources). */
export function productTierTouch(orgId: string, serviceId: string, productTierId: string): Touch {
  return { key: keys.productTier(serviceId, productTierId), orgId, entity: 'product tier' };
}

export const productTierKey = (tier: Pick<ProductTierItem, 'serviceId' | 'productTierId'>): Key => keys.productTier(tier.serviceId, tier.productTierId);
