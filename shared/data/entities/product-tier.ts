/**
 * A product tier (plan): `TIER#<id>` in its service's partition, under one service model.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import type { ModelType } from '#shared/domain/service-models.ts';
import type { TierFeature, TierType } from '#shared/domain/product-tiers.ts';

const byCreation = (a: Stored, b: Stored) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);

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

/** The parent touch of a child of the tier (its resources). */
export function productTierTouch(orgId: string, serviceId: string, productTierId: string): Touch {
  return { key: keys.productTier(serviceId, productTierId), orgId, entity: 'product tier' };
}
