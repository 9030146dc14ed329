/**
 * Product tiers (plans): `TIER#<id>` items in their service's partition, each under one service model (and so
 * one service API and environment, whose ids it carries). Keys are derived from the name and unique within
 * the model (`UNIQUE#TIERKEY#<serviceModelId>#<key>`, the guard CopyServiceModel also writes); a second tier
 * whose name derives the same key is a 409, renames keep the key. Creating or copying a tier touches the
 * service and the model, so their version-conditional deletes and CopyServiceModel's snapshot notice it;
 * resources created under a tier touch the tier the same way, which keeps DeleteProductTier's "no
 * resources" check race-free.
 */
import { keys, TREE } from '#shared/data/keys.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryAll,
  queryPage,
  type Guard,
  type Key,
  type Stored,
} from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import { copiedTierAttributes, type ModelType } from '#shared/domain/service-models.ts';
import {
  regionList,
  withFeatureDisabled,
  withFeatureEnabled,
  type TierFeature,
  type TierType,
} from '#shared/domain/product-tiers.ts';
import { serviceTouch } from '#shared/data/repositories/services.ts';
import { getServiceModel, serviceModelTouch, type ServiceModelItem } from '#shared/data/repositories/service-models.ts';
import { getServiceApi, type ServiceApiItem } from '#shared/data/repositories/service-apis.ts';
import { getEnvironment, type EnvironmentItem } from '#shared/data/repositories/environments.ts';
import { getProductTier, tiersOfService, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/product-tier.ts';


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

const ENTITY = 'product tier';

export const productTierKey = (serviceId: string, productTierId: string) =>
  keys.serviceChild(serviceId, TREE.productTier, productTierId);
const keyTaken = (key: string, serviceModelId: string) =>
  `a product tier with key "${key}" already exists in service model ${serviceModelId}`;
const keyGuard = (serviceId: string, serviceModelId: string, key: string, productTierId: string): Guard => ({
  key: keys.tierKeyGuard(serviceId, serviceModelId, key),
  conflict: keyTaken(key, serviceModelId),
  attributes: { productTierId },
});

const visible = (orgId: string) => (t: ProductTierItem) => t.entity === 'productTier' && t.orgId === orgId;
const byCreation = (a: Stored, b: Stored) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);



/** The tiers of a model, oldest first, after checking the model is the caller's. */
export async function listProductTiers(orgId: string, serviceId: string, serviceModelId: string): Promise<ProductTierItem[]> {
  await getServiceModel(orgId, serviceId, serviceModelId);
  return (await tiersOfService(serviceId)).filter((t) => t.serviceModelId === serviceModelId && t.orgId === orgId);
}

/** True when the tier's definition log holds a change (a resource, parameter or file added, changed or removed). */
export async function hasRecordedChanges(serviceId: string, productTierId: string): Promise<boolean> {
  const page = await queryPage({
    ...keys.changesOfTier(serviceId, productTierId),
    limit: 1,
  });
  return page.items.length > 0;
}

/** Retries `attempt` after a transaction lost to a concurrent writer; a taken key (`final`) is not retried. */
async function retryingLostRaces<T>(final: (e: Conflict) => boolean, attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof Conflict) || final(e) || i >= 5) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}

/** Only the settings the caller named, cleaned (regions trimmed and deduplicated). */
function settingsGiven(s: TierSettings): Partial<ProductTierItem> {
  const out: Partial<ProductTierItem> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  for (const r of ['awsRegions', 'gcpRegions', 'azureRegions'] as const) if (s[r]) out[r] = regionList(s[r]);
  return out;
}

export interface NewProductTier extends TierSettings {
  serviceModelId: string;
  name: string;
  description: string;
  planDescription: string;
  tierType: TierType;
}

function tierItem(orgId: string, model: ServiceModelItem, productTierId: string, input: NewProductTier) {
  const name = input.name.trim();
  const item: Omit<ProductTierItem, keyof Stored> & Key = {
    ...productTierKey(model.serviceId, productTierId),
    entity: 'productTier',
    orgId,
    serviceId: model.serviceId,
    productTierId,
    environmentId: model.environmentId,
    serviceApiId: model.serviceApiId,
    serviceModelId: model.serviceModelId,
    modelType: model.modelType,
    name,
    key: deriveKey(name),
    description: input.description,
    planDescription: input.planDescription,
    tierType: input.tierType,
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
    ...settingsGiven(input),
  };
  return item;
}

/**
 * Creates a tier under a model in one transaction with its key guard and touches of the service and the model.
 * A lost race re-reads, so a model deleted meanwhile answers 404.
 */
export async function createProductTier(orgId: string, serviceId: string, input: NewProductTier): Promise<ProductTierItem> {
  const productTierId = newId(ID_PREFIX.productTier);
  let taken = '';
  return retryingLostRaces(
    (e) => e.message === taken,
    async () => {
      const model = await getServiceModel(orgId, serviceId, input.serviceModelId);
      const item = tierItem(orgId, model, productTierId, input);
      taken = keyTaken(item.key, model.serviceModelId);
      return (await createWithGuards(
        item,
        [keyGuard(serviceId, model.serviceModelId, item.key, productTierId)],
        [serviceTouch(orgId, serviceId), serviceModelTouch(orgId, serviceId, model.serviceModelId)],
      )) as ProductTierItem;
    },
  );
}

export interface ProductTierChanges extends TierSettings {
  name?: string;
  description?: string;
  tierType?: TierType;
}

/** Renames keep the key: clients have echoed it into instance paths. */
export function updateProductTier(
  orgId: string,
  serviceId: string,
  productTierId: string,
  changes: ProductTierChanges,
): Promise<ProductTierItem> {
  const { name, ...rest } = changes;
  return mutate<ProductTierItem>(
    productTierKey(serviceId, productTierId),
    (current) => ({ ...current, ...settingsGiven(rest), ...(name !== undefined ? { name: name.trim() } : {}) }),
    { entity: ENTITY, visible: visible(orgId) },
  );
}

/** Enables a feature, or replaces the scope and configuration of one already enabled. */
export function enableProductTierFeature(
  orgId: string,
  serviceId: string,
  productTierId: string,
  feature: { feature: string; configuration?: Record<string, unknown>; scope?: string },
): Promise<ProductTierItem> {
  return mutate<ProductTierItem>(
    productTierKey(serviceId, productTierId),
    (current) => ({
      ...current,
      features: withFeatureEnabled(current.features, feature.feature, feature.configuration, feature.scope),
    }),
    { entity: ENTITY, visible: visible(orgId) },
  );
}

/** Disables an enabled feature; one not enabled (or enabled with another scope than the one named) is 404. */
export function disableProductTierFeature(
  orgId: string,
  serviceId: string,
  productTierId: string,
  feature: { feature: string; scope?: string },
): Promise<ProductTierItem> {
  return mutate<ProductTierItem>(
    productTierKey(serviceId, productTierId),
    (current) => {
      const features = withFeatureDisabled(current.features, feature.feature, feature.scope);
      if (!features) {
        const scoped = feature.scope?.trim() ? ` with scope ${feature.scope.trim().toUpperCase()}` : '';
        throw new NotFound(`enabled feature "${feature.feature.trim()}"${scoped}`);
      }
      return { ...current, features };
    },
    { entity: ENTITY, visible: visible(orgId) },
  );
}

/** DynamoDB's limit on the writes of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Refused (409) while resources belong to the tier. Otherwise the tier and its key guard go in one
 * transaction conditional on the version read (resource creates bump it), with touches of the service and the
 * model (so a CopyServiceModel that read the tier re-reads instead of copying a removed plan). The tier's
 * definition log (`CHANGE#<tierId>#…`, left by resources that came and went) goes in the same transaction
 * when it fits; a longer log is removed right after, in chunks — it is unreachable once the tier is gone.
 */
export async function deleteProductTier(orgId: string, serviceId: string, productTierId: string): Promise<void> {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const partition = keys.servicePartition(serviceId);
  const [resources, changes] = await Promise.all([
    queryAll<{ productTierId?: string; name?: string; resourceId?: string }>(keys.resourcesOfService(serviceId)),
    queryAll<Key>(keys.changesOfTier(serviceId, productTierId)),
  ]);
  const own = resources.filter((r) => r.productTierId === productTierId);
  if (own.length > 0) {
    throw new Conflict(
      `product tier ${tier.name} has resources (${own.map((r) => r.name ?? r.resourceId).join(', ')}); delete them first`,
    );
  }
  const logKeys = changes.map((c) => ({ pk: c.pk, sk: c.sk }));
  const fixed = [keys.tierKeyGuard(serviceId, tier.serviceModelId, tier.key)];
  const extra = [serviceTouch(orgId, serviceId), serviceModelTouch(orgId, serviceId, tier.serviceModelId)];
  const room = MAX_TRANSACTION_ITEMS - 1 - fixed.length - extra.length;
  await deleteAtomically(productTierKey(serviceId, productTierId), {
    version: tier.version,
    alsoDelete: [...fixed, ...logKeys.slice(0, room)],
    extra,
  });
  for (let i = room; i < logKeys.length; i += MAX_TRANSACTION_ITEMS) {
    const [first, ...rest] = logKeys.slice(i, i + MAX_TRANSACTION_ITEMS);
    await deleteAtomically(first, { alsoDelete: rest });
  }
}

export interface ProductTierCopy extends TierSettings {
  serviceModelId: string;
  name: string;
  description?: string;
  targetTierType?: TierType;
}

/**
 * Copies a tier into a model of the same service (its own or another): a new id and key (from the new name),
 * the target model's API, environment and type, the target tier type when given, and the source's settings
 * and features with the request's overrides. One transaction with the key guard and touches of the service
 * and the target model. The tier's resources are not copied (see docs/data-model.md).
 */
export async function copyProductTier(
  orgId: string,
  serviceId: string,
  sourceId: string,
  input: ProductTierCopy,
): Promise<ProductTierItem> {
  const productTierId = newId(ID_PREFIX.productTier);
  let taken = '';
  return retryingLostRaces(
    (e) => e.message === taken,
    async () => {
      const [source, model] = await Promise.all([
        getProductTier(orgId, serviceId, sourceId),
        getServiceModel(orgId, serviceId, input.serviceModelId),
      ]);
      const { serviceModelId: _target, name: rawName, description, targetTierType, ...settings } = input;
      const name = rawName.trim();
      const item = {
        ...(copiedTierAttributes(source as unknown as Record<string, unknown>, {
          productTierId,
          serviceModelId: model.serviceModelId,
          modelType: model.modelType,
          tierType: targetTierType,
        }) as unknown as ProductTierItem),
        ...productTierKey(serviceId, productTierId),
        environmentId: model.environmentId,
        serviceApiId: model.serviceApiId,
        name,
        key: deriveKey(name),
        ...(description !== undefined ? { description } : {}),
        ...settingsGiven(settings),
      };
      taken = keyTaken(item.key, model.serviceModelId);
      return (await createWithGuards(
        item,
        [keyGuard(serviceId, model.serviceModelId, item.key, productTierId)],
        [serviceTouch(orgId, serviceId), serviceModelTouch(orgId, serviceId, model.serviceModelId)],
      )) as ProductTierItem;
    },
  );
}

/** What a service plan joins: a tier with its model, service API and environment. */
export interface ServicePlanParts {
  tier: ProductTierItem;
  model: ServiceModelItem;
  api: ServiceApiItem;
  environment: EnvironmentItem;
  hasPendingChanges: boolean;
}

/** The plan of one tier: five reads in two rounds (tier; then model, API, environment and the change log). */
export async function getServicePlan(orgId: string, serviceId: string, productTierId: string): Promise<ServicePlanParts> {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const [model, api, environment, hasPendingChanges] = await Promise.all([
    getServiceModel(orgId, serviceId, tier.serviceModelId),
    getServiceApi(orgId, serviceId, tier.serviceApiId),
    getEnvironment(orgId, serviceId, tier.environmentId),
    hasRecordedChanges(serviceId, productTierId),
  ]);
  return { tier, model, api, environment, hasPendingChanges };
}

/**
 * The plans of an environment, oldest first: Queries on the service partition for its tiers, models and
 * APIs (filtered on the environment), and one look at each tier's change log.
 */
export async function listServicePlans(orgId: string, serviceId: string, environmentId: string): Promise<ServicePlanParts[]> {
  const partition = keys.servicePartition(serviceId);
  const [environment, tiers, models, apis] = await Promise.all([
    getEnvironment(orgId, serviceId, environmentId),
    tiersOfService(serviceId),
    queryAll<ServiceModelItem>(keys.serviceModelsOfService(serviceId)),
    queryAll<ServiceApiItem>(keys.serviceApisOfService(serviceId)),
  ]);
  const modelById = new Map(models.filter((m) => m.orgId === orgId).map((m) => [m.serviceModelId, m]));
  const apiById = new Map(apis.filter((a) => a.orgId === orgId).map((a) => [a.serviceApiId, a]));
  const plans = tiers.filter((t) => t.orgId === orgId && t.environmentId === environmentId);
  return Promise.all(
    plans.flatMap((tier) => {
      const model = modelById.get(tier.serviceModelId);
      const api = apiById.get(tier.serviceApiId);
      // A tier always has both (their deletes are refused while it exists); skip rather than invent them.
      if (!model || !api) return [];
      return [hasRecordedChanges(serviceId, tier.productTierId).then((hasPendingChanges) => ({ tier, model, api, environment, hasPendingChanges }))];
    }),
  );
}
