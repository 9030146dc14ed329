/**
 * The service-api operations (docs/decisions/005): read → decide → `commit`, under `withRetry`.
 * One service API per environment (its guard); models count themselves on it (`serviceModelCount`).
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { DEFAULT_API_VERSION, serviceApiView } from '#shared/domain/service-api.ts';
import { pageOf } from '#shared/schemas/common.ts';
import type { CreateServiceAPIRequest, ReleaseServiceAPIRequest, UpdateServiceAPIRequest } from '#shared/schemas/service-api.ts';
import { getService, serviceTouch } from '#shared/data/entities/service.ts';
import { environmentTouch, getEnvironment } from '#shared/data/entities/environment.ts';
import {
  getServiceApi,
  newServiceApiItem,
  serviceApiIdOfEnvironment,
  serviceApiKey,
  serviceApiOfEnvironmentGuard,
  serviceModelCountOf,
} from '#shared/data/entities/service-api.ts';
import { getServiceModel, serviceModelsOfApi } from '#shared/data/entities/service-model.ts';
import { getProductTier, productTiersOfModel, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { hasPendingChanges } from '#shared/data/entities/tier-version-set.ts';
import { releaseTierVersion } from '#shared/use-cases/tier-version-set/release.ts';

type Org = Pick<Caller, 'orgId'>;
interface ApiPath {
  serviceId: string;
  id: string;
}

/** At most this many names in a "has children" refusal; the rest are counted. */
const NAMED = 5;

/**
 * CreateServiceAPI: the environment's API, with the per-environment guard (a second one is 409) and touches of
 * the service and the environment (a concurrent delete of either fails instead of orphaning it; retried, it
 * answers 404).
 */
export async function createServiceAPI(caller: Org, params: { serviceId: string }, body: z.output<typeof CreateServiceAPIRequest>): Promise<string> {
  const { orgId } = caller;
  const { serviceId } = params;
  const serviceApiId = newId(ID_PREFIX.serviceApi);
  return withRetry(async () => {
    await getService(orgId, serviceId);
    const environment = await getEnvironment(orgId, serviceId, body.serviceEnvironmentId);
    const api = newServiceApiItem({
      orgId,
      serviceId,
      serviceApiId,
      environmentId: environment.environmentId,
      apiVersion: body.apiVersion ?? DEFAULT_API_VERSION,
      description: body.description,
      deprecated: false,
    });
    await commit({
      puts: [{ item: api }],
      guardsAdd: [{ guard: serviceApiOfEnvironmentGuard(api), owner: api }],
      touches: [serviceTouch(orgId, serviceId), environmentTouch(orgId, serviceId, environment.environmentId)],
    });
    return serviceApiId;
  });
}

/** DescribeServiceAPI: the API with its service's name and its environment's deployment config. */
export async function describeServiceAPI(caller: Org, params: ApiPath) {
  const [service, api] = await Promise.all([getService(caller.orgId, params.serviceId), getServiceApi(caller.orgId, params.serviceId, params.id)]);
  const environment = await getEnvironment(caller.orgId, params.serviceId, api.environmentId);
  return serviceApiView(api, service, environment);
}

/** ListServiceAPI: the environment's API, if it has one (its guard holds the id: one GetItem, no Query). */
export async function listServiceAPI(caller: Org, params: { serviceId: string; serviceEnvironmentId: string }) {
  await getEnvironment(caller.orgId, params.serviceId, params.serviceEnvironmentId);
  const id = await serviceApiIdOfEnvironment(params.serviceId, params.serviceEnvironmentId);
  return pageOf({ items: id ? [id] : [] }, (x) => x);
}

/** UpdateServiceAPI: description and/or version, conditional on the version read. */
export function updateServiceAPI(caller: Org, params: ApiPath, body: z.output<typeof UpdateServiceAPIRequest>): Promise<void> {
  return withRetry(async () => {
    const current = await getServiceApi(caller.orgId, params.serviceId, params.id);
    const next = advance(current, {
      ...current,
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.apiVersion !== undefined ? { apiVersion: body.apiVersion } : {}),
    });
    await commit({ puts: [{ item: next, expectVersion: current.version }] });
  });
}

/** DeprecateServiceAPI: marks the API deprecated (again: no change). A deprecated API takes no new models. */
export function deprecateServiceAPI(caller: Org, params: ApiPath): Promise<void> {
  return withRetry(async () => {
    const current = await getServiceApi(caller.orgId, params.serviceId, params.id);
    if (current.deprecated) return;
    await commit({ puts: [{ item: advance(current, { ...current, deprecated: true }), expectVersion: current.version }] });
  });
}

/**
 * DeleteServiceAPI: refused (InvalidState, 409) while the API counts models. Otherwise the API and its
 * environment guard go, with a service touch, conditional on the version read — a model created meanwhile
 * moved it, so the delete re-reads and refuses.
 */
export function deleteServiceAPI(caller: Org, params: ApiPath): Promise<void> {
  return withRetry(async () => {
    const api = await getServiceApi(caller.orgId, params.serviceId, params.id);
    if (serviceModelCountOf(api) > 0) {
      const refs = await serviceModelsOfApi(params.serviceId, api.serviceApiId);
      const named = await Promise.all(
        refs.slice(0, NAMED).map((r) => getServiceModel(caller.orgId, params.serviceId, r.serviceModelId).then((m) => m.name, () => r.key)),
      );
      const more = refs.length > NAMED ? ` and ${refs.length - NAMED} more` : '';
      throw new InvalidState(`service API ${api.serviceApiId} has service models (${named.join(', ')}${more}); delete them first`);
    }
    await commit({
      deletes: [{ key: serviceApiKey(api), version: api.version }],
      guardsRemove: [serviceApiOfEnvironmentGuard(api).key],
      touches: [serviceTouch(caller.orgId, params.serviceId)],
    });
  });
}

/**
 * ReleaseServiceAPI: releases the named plan of the API (it must be one of the API's), or, without
 * `productTierId`, every plan under the API's models that has pending changes — one version set each,
 * through the one release routine. `dryRun` releases nothing.
 */
export async function releaseServiceAPI(
  caller: Pick<Caller, 'orgId' | 'userId' | 'email'>,
  params: ApiPath,
  body: z.output<typeof ReleaseServiceAPIRequest>,
): Promise<void> {
  const api = await getServiceApi(caller.orgId, params.serviceId, params.id);
  let tiers: ProductTierItem[];
  if (body.productTierId !== undefined) {
    const tier = await getProductTier(caller.orgId, params.serviceId, body.productTierId);
    if (tier.serviceApiId !== api.serviceApiId) throw new NotFound('product tier');
    tiers = [tier];
  } else {
    const models = await serviceModelsOfApi(params.serviceId, api.serviceApiId);
    const all = (await Promise.all(models.map((m) => productTiersOfModel(caller.orgId, params.serviceId, m.serviceModelId)))).flat();
    const pending = await Promise.all(all.map((t) => hasPendingChanges(t)));
    tiers = all.filter((_, i) => pending[i]);
  }
  for (const tier of tiers) {
    await releaseTierVersion(caller, {
      serviceId: params.serviceId,
      productTierId: tier.productTierId,
      type: body.versionSetType ?? 'Major',
      name: body.versionSetName,
      preferred: body.isPreferred ?? false,
      dryRun: body.dryRun ?? false,
    });
  }
}
