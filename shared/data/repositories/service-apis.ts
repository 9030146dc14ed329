/**
 * Service APIs: `API#<id>` items in their service's partition, at most one per environment (the
 * `UNIQUE#APIENV#<environmentId>#api` guard). Creating one touches the service and the environment, so a
 * concurrent delete of either fails instead of orphaning it; models created under an API touch the API the
 * same way (`serviceApiTouch`), which is what keeps DeleteServiceAPI's "no models" check race-free.
 */
import { keys, TREE } from '#shared/data/keys.ts';
import { tableName } from '#shared/data/client.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryAll,
  type Stored,
  type TransactItem,
} from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { DEFAULT_API_VERSION } from '#shared/domain/service-models.ts';
import { getService, serviceTouch, type ServiceItem } from '#shared/data/repositories/services.ts';
import { environmentTouch, getEnvironment, type EnvironmentItem } from '#shared/data/repositories/environments.ts';
import { getServiceApi, type ServiceApiItem } from '#shared/data/entities/service-api.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/service-api.ts';


export const serviceApiKey = (serviceId: string, serviceApiId: string) =>
  keys.serviceChild(serviceId, TREE.serviceApi, serviceApiId);
const environmentGuardKey = (serviceId: string, environmentId: string) =>
  keys.serviceApiOfEnvironmentGuard(serviceId, environmentId);

/**
 * A write for the transaction of any child create under the API (service models): fails it when the API is
 * gone or not the org's (or, with `activeOnly`, deprecated), and bumps the API's version so a concurrent
 * DeleteServiceAPI conditional on the version it read cannot miss the child.
 */
export function serviceApiTouch(
  orgId: string,
  serviceId: string,
  serviceApiId: string,
  opts: { activeOnly?: boolean } = {},
): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: serviceApiKey(serviceId, serviceApiId),
      UpdateExpression: 'ADD version :one',
      ConditionExpression: opts.activeOnly
        ? 'attribute_exists(pk) AND orgId = :org AND deprecated = :no'
        : 'attribute_exists(pk) AND orgId = :org',
      ExpressionAttributeValues: opts.activeOnly ? { ':one': 1, ':org': orgId, ':no': false } : { ':one': 1, ':org': orgId },
    },
  };
}


/** What DescribeServiceAPI joins: the API with its service (name) and environment (deployment config). */
export async function describeServiceApi(
  orgId: string,
  serviceId: string,
  serviceApiId: string,
): Promise<{ api: ServiceApiItem; service: ServiceItem; environment: EnvironmentItem }> {
  const [service, api] = await Promise.all([getService(orgId, serviceId), getServiceApi(orgId, serviceId, serviceApiId)]);
  const environment = await getEnvironment(orgId, serviceId, api.environmentId);
  return { api, service, environment };
}

/** The service APIs of an environment (at most one), after checking the environment is the caller's. */
export async function listServiceApis(orgId: string, serviceId: string, environmentId: string): Promise<ServiceApiItem[]> {
  await getEnvironment(orgId, serviceId, environmentId);
  const apis = await queryAll<ServiceApiItem>(keys.serviceApisOfService(serviceId));
  return apis
    .filter((a) => a.environmentId === environmentId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk));
}

export interface NewServiceApi {
  environmentId: string;
  description: string;
  apiVersion?: string;
}

/**
 * Creates the environment's service API: one transaction with the per-environment guard (a second one is
 * 409) and touches of the service and the environment. A transaction lost to a concurrent writer is retried
 * from a fresh read, so a service or environment deleted meanwhile answers 404.
 */
export async function createServiceApi(orgId: string, serviceId: string, input: NewServiceApi): Promise<ServiceApiItem> {
  const serviceApiId = newId(ID_PREFIX.serviceApi);
  const taken = 'this environment already has a service API';
  for (let attempt = 0; ; attempt++) {
    await getService(orgId, serviceId);
    const environment = await getEnvironment(orgId, serviceId, input.environmentId);
    const item = {
      ...serviceApiKey(serviceId, serviceApiId),
      entity: 'serviceApi' as const,
      orgId,
      serviceId,
      serviceApiId,
      environmentId: environment.environmentId,
      apiVersion: input.apiVersion ?? DEFAULT_API_VERSION,
      description: input.description,
      deprecated: false,
    };
    try {
      return (await createWithGuards(
        item,
        [{ key: environmentGuardKey(serviceId, environment.environmentId), conflict: taken, attributes: { serviceApiId } }],
        [serviceTouch(orgId, serviceId), environmentTouch(serviceId, environment.environmentId)],
      )) as ServiceApiItem;
    } catch (e) {
      if (!(e instanceof Conflict) || e.message === taken || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

export interface ServiceApiChanges {
  description?: string;
  apiVersion?: string;
}

export function updateServiceApi(
  orgId: string,
  serviceId: string,
  serviceApiId: string,
  changes: ServiceApiChanges,
): Promise<ServiceApiItem> {
  return mutate<ServiceApiItem>(
    serviceApiKey(serviceId, serviceApiId),
    (current) => ({
      ...current,
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.apiVersion !== undefined ? { apiVersion: changes.apiVersion } : {}),
    }),
    { entity: 'service API', visible: (a) => a.entity === 'serviceApi' && a.orgId === orgId },
  );
}

/** Marks the API deprecated; deprecating it again changes nothing. A deprecated API takes no new models. */
export async function deprecateServiceApi(orgId: string, serviceId: string, serviceApiId: string): Promise<void> {
  const api = await getServiceApi(orgId, serviceId, serviceApiId);
  if (api.deprecated) return;
  await mutate<ServiceApiItem>(serviceApiKey(serviceId, serviceApiId), (current) => ({ ...current, deprecated: true }), {
    entity: 'service API',
    visible: (a) => a.entity === 'serviceApi' && a.orgId === orgId,
  });
}

/**
 * Refused (409) while a service model belongs to the API. Otherwise the API and its environment guard go in
 * one transaction conditional on the version read (model creates bump it), with a touch of the service.
 */
export async function deleteServiceApi(orgId: string, serviceId: string, serviceApiId: string): Promise<void> {
  const api = await getServiceApi(orgId, serviceId, serviceApiId);
  const models = await queryAll<{ serviceApiId?: string; name?: string }>(keys.serviceModelsOfService(serviceId));
  const own = models.filter((m) => m.serviceApiId === serviceApiId);
  if (own.length > 0) {
    throw new Conflict(
      `service API ${serviceApiId} has service models (${own.map((m) => m.name).join(', ')}); delete them first`,
    );
  }
  await deleteAtomically(serviceApiKey(serviceId, serviceApiId), {
    version: api.version,
    alsoDelete: [environmentGuardKey(serviceId, api.environmentId)],
    extra: [serviceTouch(orgId, serviceId)],
  });
}
