/**
 * Service (hosting) models: `MODEL#<id>` items in their service's partition, each under one service API.
 * Keys are derived from the name and unique within the API (`UNIQUE#MODELKEY#<serviceApiId>#<key>`; a
 * second model whose name derives the same key is a 409). Creating a model touches the service and its API;
 * product tiers created under a model touch it (`serviceModelTouch`), which keeps DeleteServiceModel's
 * "no tiers" check and CopyServiceModel's snapshot of the tiers race-free.
 */
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { keys, TREE } from '#shared/data/keys.ts';
import { tableName } from '#shared/data/client.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryAll,
  stamp,
  type Key,
  type Stored,
  type TransactItem,
} from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import {
  copiedTierAttributes,
  copyFitsOneTransaction,
  featureMap,
  type FeatureConfiguration,
  type FeatureDetail,
  type ModelType,
  type TierType,
} from '#shared/domain/service-models.ts';
import { serviceTouch } from '#shared/data/repositories/services.ts';
import { getServiceApi, serviceApiTouch, type ServiceApiItem } from '#shared/data/repositories/service-apis.ts';
import { getServiceModel, type ServiceModelItem } from '#shared/data/entities/service-model.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/service-model.ts';


type TierItem = ProductTierItem;

const ENTITY = 'service model';

export const serviceModelKey = (serviceId: string, serviceModelId: string) =>
  keys.serviceChild(serviceId, TREE.serviceModel, serviceModelId);
const modelKeyGuardKey = (serviceId: string, serviceApiId: string, key: string) =>
  keys.serviceModelKeyGuard(serviceId, serviceApiId, key);
const keyTaken = (key: string, serviceApiId: string) =>
  `a service model with key "${key}" already exists in service API ${serviceApiId}`;

const visible = (orgId: string) => (m: ServiceModelItem) => m.entity === 'serviceModel' && m.orgId === orgId;

/**
 * A write for the transaction of any child create under the model (product tiers): fails it when the model
 * is gone or not the org's, and bumps the model's version so a delete or copy conditional on the version it
 * read notices the new tier.
 */
export function serviceModelTouch(orgId: string, serviceId: string, serviceModelId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: serviceModelKey(serviceId, serviceModelId),
      UpdateExpression: 'ADD version :one',
      ConditionExpression: 'attribute_exists(pk) AND orgId = :org',
      ExpressionAttributeValues: { ':one': 1, ':org': orgId },
    },
  };
}


const byCreation = (a: Stored, b: Stored) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);

/** The product tiers of a model, oldest first (one Query on the service's `TIER#` items). */
async function tiersOf(serviceId: string, serviceModelId: string): Promise<TierItem[]> {
  const tiers = await queryAll<TierItem>(keys.productTiersOfService(serviceId));
  return tiers.filter((t) => t.serviceModelId === serviceModelId).sort(byCreation);
}

/** A model with the ids of its product tiers. */
export async function describeServiceModel(
  orgId: string,
  serviceId: string,
  serviceModelId: string,
): Promise<{ model: ServiceModelItem; productTierIds: string[] }> {
  const [model, tiers] = await Promise.all([
    getServiceModel(orgId, serviceId, serviceModelId),
    tiersOf(serviceId, serviceModelId),
  ]);
  return { model, productTierIds: tiers.map((t) => t.productTierId) };
}

/** The models of a service API, oldest first, after checking the API is the caller's. */
export async function listServiceModels(orgId: string, serviceId: string, serviceApiId: string): Promise<ServiceModelItem[]> {
  await getServiceApi(orgId, serviceId, serviceApiId);
  const models = await queryAll<ServiceModelItem>(keys.serviceModelsOfService(serviceId));
  return models.filter((m) => m.serviceApiId === serviceApiId).sort(byCreation);
}

async function activeApi(orgId: string, serviceId: string, serviceApiId: string): Promise<ServiceApiItem> {
  const api = await getServiceApi(orgId, serviceId, serviceApiId);
  if (api.deprecated) throw new Conflict(`service API ${serviceApiId} is deprecated and takes no new service models`);
  return api;
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

export interface NewServiceModel {
  serviceApiId: string;
  name: string;
  description: string;
  modelType: ModelType;
  features?: FeatureDetail[];
  accountConfigIds?: string[];
}

function modelItem(orgId: string, serviceId: string, api: ServiceApiItem, serviceModelId: string, input: Omit<NewServiceModel, 'features'> & { features: Record<string, FeatureConfiguration> }) {
  const name = input.name.trim();
  return {
    ...serviceModelKey(serviceId, serviceModelId),
    entity: 'serviceModel' as const,
    orgId,
    serviceId,
    serviceModelId,
    serviceApiId: api.serviceApiId,
    environmentId: api.environmentId,
    name,
    key: deriveKey(name),
    description: input.description,
    modelType: input.modelType,
    features: input.features,
    accountConfigIds: [...new Set(input.accountConfigIds ?? [])],
  };
}

/**
 * Creates a model under an active service API in one transaction with its key guard and touches of the
 * service and the API (conditional on the API still being active). A lost race re-reads, so an API deleted or
 * deprecated meanwhile answers 404 or 409.
 */
export async function createServiceModel(orgId: string, serviceId: string, input: NewServiceModel): Promise<ServiceModelItem> {
  const serviceModelId = newId(ID_PREFIX.serviceModel);
  let taken = '';
  return retryingLostRaces(
    (e) => e.message === taken,
    async () => {
      const api = await activeApi(orgId, serviceId, input.serviceApiId);
      const item = modelItem(orgId, serviceId, api, serviceModelId, { ...input, features: featureMap(input.features) });
      taken = keyTaken(item.key, api.serviceApiId);
      return (await createWithGuards(
        item,
        [{ key: modelKeyGuardKey(serviceId, api.serviceApiId, item.key), conflict: taken, attributes: { serviceModelId } }],
        [serviceTouch(orgId, serviceId), serviceApiTouch(orgId, serviceId, api.serviceApiId, { activeOnly: true })],
      )) as ServiceModelItem;
    },
  );
}

export interface ServiceModelChanges {
  name?: string;
  description?: string;
}

/** Renames keep the key: clients have echoed it into instance paths. */
export function updateServiceModel(
  orgId: string,
  serviceId: string,
  serviceModelId: string,
  changes: ServiceModelChanges,
): Promise<ServiceModelItem> {
  return mutate<ServiceModelItem>(
    serviceModelKey(serviceId, serviceModelId),
    (current) => ({
      ...current,
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
    }),
    { entity: ENTITY, visible: visible(orgId) },
  );
}

/** Enables a feature, or replaces the configuration of one already enabled. */
export function enableServiceModelFeature(
  orgId: string,
  serviceId: string,
  serviceModelId: string,
  feature: string,
  configuration: FeatureConfiguration,
): Promise<ServiceModelItem> {
  return mutate<ServiceModelItem>(
    serviceModelKey(serviceId, serviceModelId),
    (current) => ({ ...current, features: { ...current.features, [feature.trim()]: configuration } }),
    { entity: ENTITY, visible: visible(orgId) },
  );
}

/** Disables an enabled feature; a feature that is not enabled answers 404. */
export function disableServiceModelFeature(
  orgId: string,
  serviceId: string,
  serviceModelId: string,
  feature: string,
): Promise<ServiceModelItem> {
  const name = feature.trim();
  return mutate<ServiceModelItem>(
    serviceModelKey(serviceId, serviceModelId),
    (current) => {
      if (!current.features || !Object.hasOwn(current.features, name)) throw new NotFound(`enabled feature "${name}"`);
      const features = { ...current.features };
      delete features[name];
      return { ...current, features };
    },
    { entity: ENTITY, visible: visible(orgId) },
  );
}

/**
 * Refused (409) while product tiers belong to the model. Otherwise the model and its key guard go in one
 * transaction conditional on the version read (tier creates bump it), with a touch of the service.
 */
export async function deleteServiceModel(orgId: string, serviceId: string, serviceModelId: string): Promise<void> {
  const [model, tiers] = await Promise.all([
    getServiceModel(orgId, serviceId, serviceModelId),
    tiersOf(serviceId, serviceModelId),
  ]);
  if (tiers.length > 0) {
    throw new Conflict(
      `service model ${model.name} has product tiers (${tiers.map((t) => String(t.name ?? t.productTierId)).join(', ')}); delete them first`,
    );
  }
  await deleteAtomically(serviceModelKey(serviceId, serviceModelId), {
    version: model.version,
    alsoDelete: [modelKeyGuardKey(serviceId, model.serviceApiId, model.key)],
    extra: [serviceTouch(orgId, serviceId)],
  });
}

export interface ServiceModelCopy {
  name: string;
  description: string;
  targetServiceModelType: ModelType;
  targetTierType?: TierType;
  /** Replaces the source's features when given. */
  features?: FeatureDetail[];
  accountConfigIds?: string[];
}

function putNew(item: Key & Record<string, unknown>): TransactItem {
  return { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * Copies a model, within its service API, into a new model of the target type, with a copy of each of its
 * product tiers (new ids, the new model and type, their own key guards under the new model) — all in one
 * transaction, conditional on the source model's version (a tier added to it meanwhile makes the copy re-read).
 * A source with too many tiers for one transaction is refused with 409 rather than copied in parts.
 */
export async function copyServiceModel(
  orgId: string,
  serviceId: string,
  sourceId: string,
  input: ServiceModelCopy,
): Promise<ServiceModelItem> {
  const serviceModelId = newId(ID_PREFIX.serviceModel);
  let taken = '';
  return retryingLostRaces(
    (e) => e.message === taken || e.message.startsWith('too many'),
    async () => {
      const [source, tiers] = await Promise.all([getServiceModel(orgId, serviceId, sourceId), tiersOf(serviceId, sourceId)]);
      if (!copyFitsOneTransaction(tiers.length)) {
        throw new Conflict(`too many product tiers (${tiers.length}) on service model ${source.name} to copy in one request`);
      }
      const api = await activeApi(orgId, serviceId, source.serviceApiId);
      const sameType = source.modelType === input.targetServiceModelType;
      const item = modelItem(orgId, serviceId, api, serviceModelId, {
        serviceApiId: api.serviceApiId,
        name: input.name,
        description: input.description,
        modelType: input.targetServiceModelType,
        features: input.features ? featureMap(input.features) : structuredClone(source.features ?? {}),
        // Accounts of one hosting type mean nothing to another.
        accountConfigIds: input.accountConfigIds ?? (sameType ? source.accountConfigIds : []),
      });
      taken = keyTaken(item.key, api.serviceApiId);
      const tierWrites = tiers.flatMap((tier) => {
        const productTierId = newId(ID_PREFIX.productTier);
        const tierKey = keys.serviceChild(serviceId, TREE.productTier, productTierId);
        const copy: Key & Record<string, unknown> = stamp({
          ...copiedTierAttributes(tier as unknown as Record<string, unknown>, {
            productTierId,
            serviceModelId,
            modelType: input.targetServiceModelType,
            tierType: input.targetTierType,
          }),
          ...tierKey,
        });
        const guard = keys.tierKeyGuard(serviceId, serviceModelId, tier.key);
        return [putNew(copy), putNew({ ...guard, productTierId, guardFor: `${tierKey.pk}|${tierKey.sk}` })];
      });
      const sourceUnchanged: TransactItem = {
        ConditionCheck: {
          TableName: tableName(),
          Key: serviceModelKey(serviceId, sourceId),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': source.version },
        },
      };
      return (await createWithGuards(
        item,
        [{ key: modelKeyGuardKey(serviceId, api.serviceApiId, item.key), conflict: taken, attributes: { serviceModelId } }],
        [
          serviceTouch(orgId, serviceId),
          serviceApiTouch(orgId, serviceId, api.serviceApiId, { activeOnly: true }),
          sourceUnchanged,
          ...tierWrites,
        ],
      )) as ServiceModelItem;
    },
  );
}
