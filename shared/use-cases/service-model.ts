/**
 * The service-model operations (docs/decisions/005): read → decide → `commit`, under `withRetry`.
 * A model counts itself on its API (a versioned write of the API, which also holds the "not deprecated" it
 * read); its tiers count themselves on it (`productTierCount`). CopyServiceModel writes the copied tiers with
 * the product-tier entity's builders, in the same transaction as the new model.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, withRetry, type VersionedPut } from '#shared/data/store.ts';
import { Conflict, InvalidState, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import { MAX_MODELS_PER_API } from '#shared/domain/service-api.ts';
import {
  copyFitsOneTransaction,
  featureMap,
  MAX_MODEL_FEATURES,
  serviceModelView,
  withModelFeatureDisabled,
  withModelFeatureEnabled,
} from '#shared/domain/service-model.ts';
import { copiedTierAttributes } from '#shared/domain/product-tier.ts';
import { pageOf } from '#shared/schemas/common.ts';
import type {
  CopyServiceModelRequest,
  CreateServiceModelRequest,
  DisableServiceModelFeatureRequest,
  EnableServiceModelFeatureRequest,
  UpdateServiceModelRequest,
} from '#shared/schemas/service-model.ts';
import { serviceChildCounter, serviceChildrenCounter } from '#shared/data/entities/service.ts';
import { getServiceApi, serviceModelCountOf, serviceModelLeaves, type ServiceApiItem } from '#shared/data/entities/service-api.ts';
import {
  getServiceModel,
  newServiceModelItem,
  productTierCountOf,
  serviceModelKey,
  serviceModelKeyGuard,
  serviceModelsOfApi,
  type NewServiceModel,
  type ServiceModelItem,
} from '#shared/data/entities/service-model.ts';
import {
  newProductTierItem,
  productTierKeyGuard,
  productTierRefsOfModel,
  productTiersOfModel,
  type ProductTierFields,
} from '#shared/data/entities/product-tier.ts';
import { hasPendingChanges, releaseStateOf } from '#shared/data/entities/tier-version-set.ts';

type Org = Pick<Caller, 'orgId'>;
interface ModelPath {
  serviceId: string;
  id: string;
}

/** At most this many names in a "has children" refusal; the rest are counted. */
const NAMED = 5;

/** An API that takes a new model: not deprecated, not full. */
async function apiTakingModels(orgId: string, serviceId: string, serviceApiId: string): Promise<ServiceApiItem> {
  const api = await getServiceApi(orgId, serviceId, serviceApiId);
  if (api.deprecated) throw new InvalidState(`service API ${serviceApiId} is deprecated and takes no new service models`);
  if (serviceModelCountOf(api) >= MAX_MODELS_PER_API) {
    throw new InvalidState(`service API ${serviceApiId} already has ${MAX_MODELS_PER_API} service models, the most an API holds`);
  }
  return api;
}

/**
 * The API's write when a model joins it: its count + 1, conditional on the version read — so on the API still
 * being active and below its limit (a DeprecateServiceAPI or another model create meanwhile makes this re-read).
 */
function apiGainsModel(api: ServiceApiItem): VersionedPut {
  return { item: advance(api, { ...api, serviceModelCount: serviceModelCountOf(api) + 1 }), expectVersion: api.version };
}

function modelFields(
  orgId: string,
  api: ServiceApiItem,
  serviceModelId: string,
  input: Pick<NewServiceModel, 'name' | 'description' | 'modelType' | 'features' | 'accountConfigIds'> & { key?: string },
): NewServiceModel {
  const name = input.name.trim();
  return {
    orgId,
    serviceId: api.serviceId,
    serviceModelId,
    serviceApiId: api.serviceApiId,
    environmentId: api.environmentId,
    name,
    key: input.key ?? deriveKey(name),
    description: input.description,
    modelType: input.modelType,
    features: input.features,
    accountConfigIds: [...new Set(input.accountConfigIds)],
  };
}

/**
 * A model in another environment's API that matches `source` (environment promotion): the same name, key,
 * type, features and description, a new id. Same rules and writes as CreateServiceModel; a key taken
 * meanwhile is 409 (the caller then finds the model by its key).
 */
export async function createServiceModelLike(caller: Org, serviceApiId: string, source: ServiceModelItem): Promise<string> {
  const { orgId } = caller;
  const serviceModelId = newId(ID_PREFIX.serviceModel);
  return withRetry(async () => {
    const api = await apiTakingModels(orgId, source.serviceId, serviceApiId);
    const model = newServiceModelItem(modelFields(orgId, api, serviceModelId, { ...source, accountConfigIds: [] }));
    await commit({
      puts: [{ item: model }, apiGainsModel(api)],
      guardsAdd: [{ guard: serviceModelKeyGuard(model), owner: model }],
      counters: [serviceChildCounter(orgId, source.serviceId, 'serviceModels', 1)],
    });
    return serviceModelId;
  });
}

/** CreateServiceModel: a model under an active API, with its key guard (a taken key is 409) and a service touch. */
export async function createServiceModel(
  caller: Org,
  params: { serviceId: string },
  body: z.output<typeof CreateServiceModelRequest>,
): Promise<string> {
  const { orgId } = caller;
  const serviceModelId = newId(ID_PREFIX.serviceModel);
  return withRetry(async () => {
    const api = await apiTakingModels(orgId, params.serviceId, body.serviceApiId);
    const model = newServiceModelItem(
      modelFields(orgId, api, serviceModelId, { ...body, features: featureMap(body.features), accountConfigIds: body.accountConfigIds ?? [] }),
    );
    await commit({
      puts: [{ item: model }, apiGainsModel(api)],
      guardsAdd: [{ guard: serviceModelKeyGuard(model), owner: model }],
      // The service's model count (bounding DescribeService's reads) stands in for the service touch.
      counters: [serviceChildCounter(orgId, params.serviceId, 'serviceModels', 1)],
    });
    return serviceModelId;
  });
}

/** DescribeServiceModel: the model with the ids of its tiers (its tier key guards, oldest first). */
export async function describeServiceModel(caller: Org, params: ModelPath) {
  const [model, tiers] = await Promise.all([
    getServiceModel(caller.orgId, params.serviceId, params.id),
    productTierRefsOfModel(params.serviceId, params.id),
  ]);
  return serviceModelView(
    model,
    tiers.map((t) => t.productTierId),
  );
}

/** ListServiceModel: every model of the API, oldest first (bounded by the models-per-API limit). */
export async function listServiceModel(caller: Org, params: { serviceId: string; serviceApiId: string }) {
  await getServiceApi(caller.orgId, params.serviceId, params.serviceApiId);
  return pageOf({ items: await serviceModelsOfApi(params.serviceId, params.serviceApiId) }, (r) => r.serviceModelId);
}

/** Applies `change` to the model, conditional on the version read. */
function changeModel(caller: Org, params: ModelPath, change: (current: ServiceModelItem) => ServiceModelItem): Promise<void> {
  return withRetry(async () => {
    const current = await getServiceModel(caller.orgId, params.serviceId, params.id);
    await commit({ puts: [{ item: advance(current, change(current)), expectVersion: current.version }] });
  });
}

/** UpdateServiceModel: a rename keeps the key (clients have echoed it into instance paths). */
export function updateServiceModel(caller: Org, params: ModelPath, body: z.output<typeof UpdateServiceModelRequest>): Promise<void> {
  return changeModel(caller, params, (current) => ({
    ...current,
    ...(body.name !== undefined ? { name: body.name.trim() } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
  }));
}

/** EnableServiceModelFeature: enables a feature, or replaces the configuration of one already enabled. */
export function enableServiceModelFeature(caller: Org, params: ModelPath, body: z.output<typeof EnableServiceModelFeatureRequest>): Promise<void> {
  return changeModel(caller, params, (current) => {
    const features = withModelFeatureEnabled(current.features, body.feature, body.configuration);
    if (!features) throw new InvalidState(`service model ${current.name} already has ${MAX_MODEL_FEATURES} features enabled`);
    return { ...current, features };
  });
}

/** DisableServiceModelFeature: a feature that is not enabled answers 404. */
export function disableServiceModelFeature(caller: Org, params: ModelPath, body: z.output<typeof DisableServiceModelFeatureRequest>): Promise<void> {
  return changeModel(caller, params, (current) => {
    const features = withModelFeatureDisabled(current.features, body.feature);
    if (!features) throw new NotFound(`enabled feature "${body.feature.trim()}"`);
    return { ...current, features };
  });
}

/**
 * DeleteServiceModel: refused (InvalidState, 409) while the model counts tiers. Otherwise the model and its
 * key guard go, conditional on the version read (tier creates move it), with a service touch and the API's
 * count − 1.
 */
export function deleteServiceModel(caller: Org, params: ModelPath): Promise<void> {
  return withRetry(async () => {
    const model = await getServiceModel(caller.orgId, params.serviceId, params.id);
    if (productTierCountOf(model) > 0) {
      const tiers = await productTiersOfModel(caller.orgId, params.serviceId, model.serviceModelId);
      const more = tiers.length > NAMED ? ` and ${tiers.length - NAMED} more` : '';
      const names = tiers.slice(0, NAMED).map((t) => t.name);
      throw new InvalidState(`service model ${model.name} has product tiers (${names.join(', ')}${more}); delete them first`);
    }
    await commit({
      deletes: [{ key: serviceModelKey(model), version: model.version }],
      guardsRemove: [serviceModelKeyGuard(model).key],
      counters: [serviceChildCounter(caller.orgId, params.serviceId, 'serviceModels', -1), serviceModelLeaves(caller.orgId, params.serviceId, model.serviceApiId)],
    });
  });
}

/**
 * CopyServiceModel: a new model of the target type in the source's API, with a copy of each of the source's
 * tiers (new ids, the new model and type, their own key guards) — one transaction, conditional on the source
 * model's version (a tier added or removed meanwhile moved it: the copy re-reads). A source with too many tiers
 * for one transaction is refused (409) rather than copied in parts.
 */
export async function copyServiceModel(
  caller: Org,
  params: { serviceId: string; sourceId: string },
  body: z.output<typeof CopyServiceModelRequest>,
): Promise<string> {
  const { orgId } = caller;
  const { serviceId } = params;
  const serviceModelId = newId(ID_PREFIX.serviceModel);
  return withRetry(async () => {
    // The model first, then its tiers: a tier created between the two reads has moved the version checked below.
    const source = await getServiceModel(orgId, serviceId, params.sourceId);
    if (!copyFitsOneTransaction(productTierCountOf(source))) {
      throw new Conflict(`too many product tiers (${productTierCountOf(source)}) on service model ${source.name} to copy in one request`);
    }
    const tiers = await productTiersOfModel(orgId, serviceId, source.serviceModelId);
    const api = await apiTakingModels(orgId, serviceId, source.serviceApiId);
    const sameType = source.modelType === body.targetServiceModelType;
    const model = newServiceModelItem(
      modelFields(orgId, api, serviceModelId, {
        name: body.name,
        description: body.description,
        modelType: body.targetServiceModelType,
        features: body.features ? featureMap(body.features) : structuredClone(source.features ?? {}),
        // Accounts of one hosting type mean nothing to another.
        accountConfigIds: body.accountConfigIds ?? (sameType ? (source.accountConfigIds ?? []) : []),
      }),
      tiers.length,
    );
    const copies = tiers.map((tier) =>
      newProductTierItem(
        copiedTierAttributes(tier as unknown as Record<string, unknown>, {
          productTierId: newId(ID_PREFIX.productTier),
          serviceModelId,
          modelType: body.targetServiceModelType,
          tierType: body.targetTierType,
        }) as unknown as ProductTierFields,
      ),
    );
    await commit({
      puts: [{ item: model }, apiGainsModel(api), ...copies.map((item) => ({ item }))],
      guardsAdd: [
        { guard: serviceModelKeyGuard(model), owner: model },
        ...copies.map((tier) => ({ guard: productTierKeyGuard(tier), owner: tier })),
      ],
      counters: [serviceChildrenCounter(orgId, serviceId, { serviceModels: 1, productTiers: copies.length })],
      checks: [{ key: serviceModelKey(source), version: source.version }],
    });
    return serviceModelId;
  });
}

/**
 * ReleaseServiceModelStatus: the release state of the model's plans, from their release state and change
 * logs. Releases are synchronous, so a model is never DEPLOYING or FAILED here: NOT_CONFIGURED without plans,
 * PENDING while a plan was never released or has changes no release took up, READY otherwise.
 */
export async function releaseServiceModelStatus(caller: Org, params: ModelPath): Promise<{ status: 'READY' | 'PENDING' | 'NOT_CONFIGURED' }> {
  await getServiceModel(caller.orgId, params.serviceId, params.id);
  const tiers = await productTiersOfModel(caller.orgId, params.serviceId, params.id);
  if (tiers.length === 0) return { status: 'NOT_CONFIGURED' };
  const pending = await Promise.all(tiers.map(async (t) => !releaseStateOf(t)?.latestReleased || (await hasPendingChanges(t))));
  return { status: pending.some(Boolean) ? 'PENDING' : 'READY' };
}
