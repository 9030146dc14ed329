/**
 * A service (hosting) model: `MODEL#<id>` in its service's partition, under one service API. Its key is unique
 * within the API (`UNIQUE#MODELKEY#<serviceApiId>#<key>`, holding `serviceModelId` and the key as `value`): the
 * guard range of an API is how its models are listed and how a model key resolves to its id. It counts its
 * product tiers (`productTierCount`), which decides DeleteServiceModel and bounds ListProductTier.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, stamp, type Guard, type Key, type Stored, type Touch, type TransactionPlan } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import type { ModelType } from '#shared/schemas/service-model.ts';

/** A feature's configuration as given (the wire's `configuration` object). */
export type FeatureConfiguration = Record<string, unknown>;

export interface ServiceModelItem extends Stored {
  entity: 'serviceModel';
  orgId: string;
  serviceId: string;
  serviceModelId: string;
  serviceApiId: string;
  environmentId: string;
  name: string;
  key: string;
  description: string;
  modelType: ModelType;
  features: Record<string, FeatureConfiguration>;
  /** Account configs named at create/copy; linking and verifying them comes with the account-config issue. */
  accountConfigIds: string[];
  /** Tiers under the model: +1 by CreateProductTier/CopyProductTier, −1 by DeleteProductTier; set by a copy. */
  productTierCount?: number;
}

export type NewServiceModel = Omit<ServiceModelItem, keyof Stored | 'entity' | 'productTierCount'>;

/** A new model item, keyed and stamped (version 1), holding `productTierCount` tiers (a copy's). */
export function newServiceModelItem(fields: NewServiceModel, productTierCount = 0): ServiceModelItem {
  return stamp({ ...keys.serviceModel(fields.serviceId, fields.serviceModelId), entity: 'serviceModel' as const, ...fields, productTierCount });
}

/** A service model of the service in the path, in the caller's org, or 404. */
export async function getServiceModel(orgId: string, serviceId: string, serviceModelId: string): Promise<ServiceModelItem> {
  const item = await getItem<ServiceModelItem>(keys.serviceModel(serviceId, serviceModelId));
  if (!item || item.entity !== 'serviceModel' || item.orgId !== orgId) throw new NotFound('service model');
  return item;
}

export const productTierCountOf = (model: ServiceModelItem): number => model.productTierCount ?? 0;

export const serviceModelKeyTaken = (key: string, serviceApiId: string) =>
  `a service model with key "${key}" already exists in service API ${serviceApiId}`;

/** The model's key guard: unique within its API; holds the model's id, its key (`value`) and creation time. */
export function serviceModelKeyGuard(model: Pick<ServiceModelItem, 'serviceId' | 'serviceApiId' | 'key' | 'serviceModelId' | 'createdAt'>): Guard {
  return {
    key: keys.serviceModelKeyGuard(model.serviceId, model.serviceApiId, model.key),
    conflict: serviceModelKeyTaken(model.key, model.serviceApiId),
    attributes: { serviceModelId: model.serviceModelId, value: model.key, createdAt: model.createdAt },
  };
}

/** A model of an API as its key guard records it. */
export interface ServiceModelRef {
  serviceModelId: string;
  key: string;
  createdAt: string;
}

interface KeyGuardItem extends Key {
  serviceModelId: string;
  value?: string;
  createdAt?: string;
}

/** The models of an API, oldest first: one consistent Query on the API's key guards (bounded per API). */
export async function serviceModelsOfApi(serviceId: string, serviceApiId: string): Promise<ServiceModelRef[]> {
  const guards = await queryAll<KeyGuardItem>(keys.serviceModelKeyGuardsOfApi(serviceId, serviceApiId));
  return guards
    .map((g) => ({ serviceModelId: g.serviceModelId, key: g.value ?? '', createdAt: g.createdAt ?? '' }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.serviceModelId.localeCompare(b.serviceModelId));
}

/** The model with this key in the API (the instance paths carry keys), or 404. */
export async function serviceModelByKey(orgId: string, serviceId: string, serviceApiId: string, key: string): Promise<ServiceModelItem> {
  const guard = await getItem<KeyGuardItem>(keys.serviceModelKeyGuard(serviceId, serviceApiId, key));
  if (!guard) throw new NotFound('service model');
  return getServiceModel(orgId, serviceId, guard.serviceModelId);
}

/** The parent touch of a child of the model. */
export function serviceModelTouch(orgId: string, serviceId: string, serviceModelId: string): Touch {
  return { key: keys.serviceModel(serviceId, serviceModelId), orgId, entity: 'service model' };
}

/**
 * A tier joining (+1) or leaving (−1) the model: its counter moves and its version with it, so a delete or
 * copy of the model conditional on the version it read notices. With `limit`, a model already holding that
 * many tiers refuses the new one (409).
 */
export function productTierCounter(
  orgId: string,
  serviceId: string,
  serviceModelId: string,
  by: 1 | -1,
  limit?: number,
): NonNullable<TransactionPlan['counters']>[number] {
  return {
    key: keys.serviceModel(serviceId, serviceModelId),
    add: { productTierCount: by },
    entity: 'service model',
    orgId,
    ...(limit !== undefined && by > 0
      ? { atMost: { max: limit, failure: new InvalidState(`service model ${serviceModelId} already has ${limit} product tiers, the most a model holds`) } }
      : {}),
  };
}

export const serviceModelKey = (model: Pick<ServiceModelItem, 'serviceId' | 'serviceModelId'>): Key => keys.serviceModel(model.serviceId, model.serviceModelId);
