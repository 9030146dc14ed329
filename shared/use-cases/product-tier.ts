/**
 * The product-tier operations (docs/decisions/005): read → decide → `commit`, under `withRetry`.
 * A tier counts itself on its model (`productTierCount`, with the tiers-per-model limit); resources under a
 * tier touch it, so a delete conditional on the tier's version never orphans one.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, MAX_TRANSACTION_ITEMS, planSize, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import {
  copiedTierAttributes,
  MAX_TIER_FEATURES,
  MAX_TIERS_PER_MODEL,
  productTierView,
  sameTierDefinition,
  TIER_DEFINITION_FIELDS,
  settingsGiven,
  TIER_DEFAULTS,
  withFeatureDisabled,
  withFeatureEnabled,
} from '#shared/domain/product-tier.ts';
import { pageOf } from '#shared/schemas/common.ts';
import { changeRecord } from '#shared/data/entities/change-record.ts';
import { tierAtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';
import { versionKeysOfTier } from '#shared/data/entities/tier-version-set.ts';
import type {
  CopyProductTierRequest,
  CreateProductTierRequest,
  DisableProductTierFeatureRequest,
  EnableProductTierFeatureRequest,
  UpdateProductTierRequest,
} from '#shared/schemas/product-tier.ts';
import { serviceChildCounter } from '#shared/data/entities/service.ts';
import { getServiceModel, productTierCounter } from '#shared/data/entities/service-model.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import {
  changeKeysOfTier,
  getProductTier,
  newProductTierItem,
  productTierKey,
  productTierKeyGuard,
  productTierRefsOfModel,
  resourceIdsOfTier,
  type ProductTierFields,
  type ProductTierItem,
} from '#shared/data/entities/product-tier.ts';

type Org = Pick<Caller, 'orgId'>;
type Who = Pick<Caller, 'orgId' | 'userId'>;
interface TierPath {
  serviceId: string;
  id: string;
}

/** At most this many names in a "has children" refusal; the rest are counted. */
const NAMED = 5;

/** A tier's own fields: everything but where it sits (which `placeTier` adds from its model). */
type TierFieldsOfModel = Omit<ProductTierFields, 'entity' | 'orgId' | 'serviceId' | 'productTierId' | 'environmentId' | 'serviceApiId' | 'serviceModelId' | 'modelType'>;

/**
 * A new tier under a model: its key guard (a taken key is 409), the model's count + 1 (with the tiers-per-model
 * limit) and the service's tier count (its limit keeps DescribeService bounded; it stands in for the service
 * touch). What CreateProductTier and environment promotion both write.
 */
function placeTier(orgId: string, serviceId: string, serviceModelId: string, fields: TierFieldsOfModel): Promise<string> {
  const productTierId = newId(ID_PREFIX.productTier);
  return withRetry(async () => {
    const model = await getServiceModel(orgId, serviceId, serviceModelId);
    const tier = newProductTierItem({
      ...fields,
      entity: 'productTier',
      orgId,
      serviceId,
      productTierId,
      environmentId: model.environmentId,
      serviceApiId: model.serviceApiId,
      serviceModelId: model.serviceModelId,
      modelType: model.modelType,
    });
    await commit({
      puts: [{ item: tier }],
      guardsAdd: [{ guard: productTierKeyGuard(tier), owner: tier }],
      counters: [serviceChildCounter(orgId, serviceId, 'productTiers', 1), productTierCounter(orgId, serviceId, model.serviceModelId, 1, MAX_TIERS_PER_MODEL)],
    });
    return productTierId;
  });
}

/** CreateProductTier: a tier under a model, its key derived from its name. */
export function createProductTier(caller: Org, params: { serviceId: string }, body: z.output<typeof CreateProductTierRequest>): Promise<string> {
  const { serviceModelId, name: rawName, description, planDescription, tierType, ...settings } = body;
  const name = rawName.trim();
  return placeTier(caller.orgId, params.serviceId, serviceModelId, {
    name,
    key: deriveKey(name),
    description,
    planDescription,
    tierType,
    ...TIER_DEFAULTS,
    ...settingsGiven(settings),
  });
}

/**
 * A tier under another environment's model that matches `source` (environment promotion): the same name, key
 * and definition fields, a new id, nothing released yet. A key taken meanwhile is 409 (the caller then finds
 * the tier by its key).
 */
export function createProductTierLike(caller: Org, serviceModelId: string, source: ProductTierItem): Promise<string> {
  const definition = Object.fromEntries(TIER_DEFINITION_FIELDS.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]));
  return placeTier(caller.orgId, source.serviceId, serviceModelId, {
    ...(definition as Pick<ProductTierItem, (typeof TIER_DEFINITION_FIELDS)[number]>),
    key: source.key,
  });
}

/** DescribeProductTier: the current tier, or with `version` the tier as that version set released it. */
export async function describeProductTier(caller: Org, params: TierPath, version?: string) {
  if (version?.trim()) return productTierView(await tierAtVersion(caller.orgId, params.serviceId, params.id, version));
  return productTierView(await getProductTier(caller.orgId, params.serviceId, params.id));
}

/** ListProductTier: every tier of the model, oldest first (its key guards; bounded by the tiers-per-model limit). */
export async function listProductTier(caller: Org, params: { serviceId: string; serviceModelId: string }) {
  await getServiceModel(caller.orgId, params.serviceId, params.serviceModelId);
  return pageOf({ items: await productTierRefsOfModel(params.serviceId, params.serviceModelId) }, (r) => r.productTierId);
}

/**
 * Applies `change` to the tier, conditional on the version read. A change to the plan's definition appends a
 * change record in the same transaction, as resource changes do, so the plan shows pending changes until its
 * next release; a request that changes nothing writes nothing.
 */
export function changeProductTier(caller: Who, params: TierPath, change: (current: ProductTierItem) => ProductTierItem, detail: string): Promise<void> {
  return withRetry(async () => {
    const current = await getProductTier(caller.orgId, params.serviceId, params.id);
    const next = change(current);
    if (sameTierDefinition(current, next)) return;
    const record = changeRecord({
      orgId: current.orgId,
      serviceId: current.serviceId,
      productTierId: current.productTierId,
      entity: 'productTier',
      id: current.productTierId,
      resourceId: '',
      kind: 'UPDATE',
      detail,
      by: caller.userId,
    });
    await commit({ puts: [{ item: advance(current, next), expectVersion: current.version }], appends: [record] });
  });
}

/** UpdateProductTier: the settings named; a rename keeps the key (clients have echoed it into instance paths). */
export function updateProductTier(caller: Who, params: TierPath, body: z.output<typeof UpdateProductTierRequest>): Promise<void> {
  const { name, ...rest } = body;
  return changeProductTier(caller, params, (current) => ({
    ...current,
    ...settingsGiven(rest),
    ...(name !== undefined ? { name: name.trim() } : {}),
  }), 'settings');
}

/** EnableProductTierFeature: enables a feature, or replaces the scope and configuration of one already enabled. */
export function enableProductTierFeature(caller: Who, params: TierPath, body: z.output<typeof EnableProductTierFeatureRequest>): Promise<void> {
  return changeProductTier(caller, params, (current) => {
    const features = withFeatureEnabled(current.features, body.feature, body.configuration, body.scope);
    if (Object.keys(features).length > MAX_TIER_FEATURES) {
      throw new InvalidState(`product tier ${current.name} already has ${MAX_TIER_FEATURES} features enabled`);
    }
    return { ...current, features };
  }, 'feature');
}

/** DisableProductTierFeature: one not enabled (or enabled with another scope than the one named) is 404. */
export function disableProductTierFeature(caller: Who, params: TierPath, body: z.output<typeof DisableProductTierFeatureRequest>): Promise<void> {
  return changeProductTier(caller, params, (current) => {
    const features = withFeatureDisabled(current.features, body.feature, body.scope);
    if (!features) {
      const scoped = body.scope?.trim() ? ` with scope ${body.scope.trim().toUpperCase()}` : '';
      throw new NotFound(`enabled feature "${body.feature.trim()}"${scoped}`);
    }
    return { ...current, features };
  }, 'feature');
}

/**
 * DeleteProductTier: refused (InvalidState, 409) while resources belong to the tier (their key guards, read
 * consistently after the tier). Otherwise the tier, its key guard and its definition log (`CHANGE#<tierId>#…`,
 * left by resources that came and went) go in one transaction conditional on the tier version read (resource
 * creates touch it), with a service touch and the model's count − 1 (which moves the model's version, so a
 * CopyServiceModel that read the tier re-reads). Its version sets go too. A log longer than the transaction
 * holds is removed right after, in chunks: it is unreachable once the tier is gone.
 */
export async function deleteProductTier(caller: Org, params: TierPath): Promise<void> {
  const { orgId } = caller;
  const { serviceId } = params;
  const leftover = await withRetry(async () => {
    const tier = await getProductTier(orgId, serviceId, params.id);
    const resourceIds = await resourceIdsOfTier(serviceId, tier.productTierId);
    if (resourceIds.length > 0) {
      const named = await Promise.all(
        resourceIds.slice(0, NAMED).map((id) => getResource(orgId, serviceId, id).then((r) => r.name ?? id, () => id)),
      );
      const more = resourceIds.length > NAMED ? ` and ${resourceIds.length - NAMED} more` : '';
      throw new InvalidState(`product tier ${tier.name} has resources (${named.join(', ')}${more}); delete them first`);
    }
    // The change log and the tier's version sets (headers, guards, snapshots) go with it.
    const log = [...(await changeKeysOfTier(serviceId, tier.productTierId)), ...(await versionKeysOfTier(serviceId, tier.productTierId))];
    const plan: TransactionPlan = {
      deletes: [{ key: productTierKey(tier), version: tier.version }],
      guardsRemove: [productTierKeyGuard(tier).key],
      counters: [serviceChildCounter(orgId, serviceId, 'productTiers', -1), productTierCounter(orgId, serviceId, tier.serviceModelId, -1)],
    };
    const room = MAX_TRANSACTION_ITEMS - planSize(plan);
    plan.deletes!.push(...log.slice(0, room).map((key) => ({ key })));
    await commit(plan);
    return log.slice(room);
  });
  for (let i = 0; i < leftover.length; i += MAX_TRANSACTION_ITEMS) {
    await commit({ deletes: leftover.slice(i, i + MAX_TRANSACTION_ITEMS).map((key) => ({ key })) });
  }
}

/**
 * CopyProductTier: a copy into a model of the same service (its own or another): a new id and key (from the
 * new name), the target model's API, environment and type, the target tier type when given, and the source's
 * settings and features with the request's overrides; with its key guard, a service touch and the target
 * model's count + 1. The tier's resources are not copied (see docs/data-model.md).
 */
export async function copyProductTier(
  caller: Org,
  params: { serviceId: string; sourceId: string },
  body: z.output<typeof CopyProductTierRequest>,
): Promise<string> {
  const { orgId } = caller;
  const { serviceId } = params;
  const productTierId = newId(ID_PREFIX.productTier);
  const { serviceModelId, name: rawName, description, targetTierType, ...settings } = body;
  return withRetry(async () => {
    const [source, model] = await Promise.all([getProductTier(orgId, serviceId, params.sourceId), getServiceModel(orgId, serviceId, serviceModelId)]);
    const name = rawName.trim();
    const fields = {
      ...(copiedTierAttributes(source as unknown as Record<string, unknown>, {
        productTierId,
        serviceModelId: model.serviceModelId,
        modelType: model.modelType,
        tierType: targetTierType,
      }) as unknown as ProductTierFields),
      environmentId: model.environmentId,
      serviceApiId: model.serviceApiId,
      name,
      key: deriveKey(name),
      ...(description !== undefined ? { description } : {}),
      ...settingsGiven(settings),
    };
    const tier = newProductTierItem(fields);
    await commit({
      puts: [{ item: tier }],
      guardsAdd: [{ guard: productTierKeyGuard(tier), owner: tier }],
      // The service's tier count (its limit keeps DescribeService bounded) stands in for the service touch.
      counters: [serviceChildCounter(orgId, serviceId, 'productTiers', 1), productTierCounter(orgId, serviceId, model.serviceModelId, 1, MAX_TIERS_PER_MODEL)],
    });
    return productTierId;
  });
}
