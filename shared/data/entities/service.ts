/**
 * The service item: the root of a provider's definition tree (partition `SVC#<serviceId>`), listed under its
 * org through gsi1; its name and key are unique in the org through guards in the org partition.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, type Guard, type Key, type Page, type Stored, type TransactionPlan, type Touch } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { ServiceModelItem } from '#shared/data/entities/service-model.ts';
import type { ServiceApiItem } from '#shared/data/entities/service-api.ts';

export interface ServiceItem extends Stored {
  entity: 'service';
  serviceId: string;
  orgId: string;
  name: string;
  key: string;
  description: string;
  serviceLogoURL: string;
  gsi1pk: string;
  gsi1sk: string;
  /** Child counts kept by the child creates/deletes (`serviceChildCounter`); absent = 0. */
  environmentCount?: number;
  productTierCount?: number;
  serviceModelCount?: number;
}

/**
 * Per-service limits on the children that DescribeService and ListService read in full (docs/limits.md).
 * They keep those reads bounded whatever else the partition holds.
 */
export const SERVICE_LIMITS = {
  environments: 50,
  productTiers: 200,
  serviceModels: 100,
} as const;

export type CountedChild = keyof typeof SERVICE_LIMITS;

const COUNTER: Record<CountedChild, { attribute: 'environmentCount' | 'productTierCount' | 'serviceModelCount'; noun: string }> = {
  environments: { attribute: 'environmentCount', noun: 'environments' },
  productTiers: { attribute: 'productTierCount', noun: 'product tiers' },
  serviceModels: { attribute: 'serviceModelCount', noun: 'service models' },
};

/** A service of the caller's org, or 404 (another org's service looks exactly like a missing one). */
export async function getService(orgId: string, serviceId: string): Promise<ServiceItem> {
  const item = await getItem<ServiceItem>(keys.service(serviceId));
  if (!item || item.entity !== 'service' || item.orgId !== orgId) throw new NotFound('service');
  return item;
}

/**
 * The parent touch of any child create/delete/move in the service's tree: the service must still exist in
 * the caller's org, and its version moves, so a concurrent DeleteService (conditional on the version it
 * read) cannot miss the child. A plan that counts the child (`serviceChildCounter`) does not also touch.
 */
export function serviceTouch(orgId: string, serviceId: string): Touch {
  return { key: keys.service(serviceId), orgId, entity: 'service' };
}

/** The `counters` entry for several kinds of child at once (a plan names the service item only once). */
export function serviceChildrenCounter(
  orgId: string,
  serviceId: string,
  deltas: Partial<Record<CountedChild, number>>,
): NonNullable<TransactionPlan['counters']>[number] {
  const add: Record<string, number> = {};
  const limits: Record<string, { max: number; failure: InvalidState }> = {};
  for (const [child, delta] of Object.entries(deltas) as [CountedChild, number][]) {
    const { attribute, noun } = COUNTER[child];
    add[attribute] = delta;
    const max = SERVICE_LIMITS[child];
    if (delta > 0) limits[attribute] = { max, failure: new InvalidState(`a service has at most ${max} ${noun}; delete one first`) };
  }
  return { key: keys.service(serviceId), add, entity: 'service', orgId, limits };
}

/**
 * The `counters` entry of a child create (`delta` > 0, refused with 409 past the service's limit) or delete
 * (`delta` < 0). Like a touch, it needs the service in the caller's org and bumps its version.
 */
export function serviceChildCounter(orgId: string, serviceId: string, child: CountedChild, delta: number): NonNullable<TransactionPlan['counters']>[number] {
  const { attribute, noun } = COUNTER[child];
  const max = SERVICE_LIMITS[child];
  return {
    key: keys.service(serviceId),
    add: { [attribute]: delta },
    entity: 'service',
    orgId,
    ...(delta > 0 ? { atMost: { max, failure: new InvalidState(`a service has at most ${max} ${noun}; delete one first`) } } : {}),
  };
}

/** The name guard; it carries `serviceId`, so a name resolves to its service with one GetItem (the builds' upsert). */
export function serviceNameGuard(orgId: string, name: string, serviceId: string): Guard {
  return { key: keys.serviceNameGuard(orgId, name), conflict: `a service named "${name.trim()}" already exists`, attributes: { serviceId } };
}

/** The id of the org's service with this name (any case), if one exists: one consistent GetItem of its name guard. */
export async function serviceIdByName(orgId: string, name: string): Promise<string | undefined> {
  const guard = await getItem<{ serviceId?: string }>(keys.serviceNameGuard(orgId, name));
  return guard?.serviceId;
}

export const serviceKeyTaken = (key: string) => `service key "${key}" is taken`;

/** The key guard; it carries `serviceId` (the `serviceKey` → id lookup of instance paths) and the key itself. */
export function serviceKeyGuard(orgId: string, key: string, serviceId: string): Guard {
  return { key: keys.serviceKeyGuard(orgId, key), conflict: serviceKeyTaken(key), attributes: { serviceId, value: key } };
}

/** Keys already used by the org's services that start with `base` (one Query on the guard prefix). */
export async function serviceKeysStartingWith(orgId: string, base: string): Promise<Set<string>> {
  const guards = await queryAll<{ value?: string }>(keys.serviceKeyGuardsStartingWith(orgId, base));
  return new Set(guards.map((g) => g.value ?? ''));
}

/** The org's services in creation order, one bounded page (gsi1: eventually consistent). */
export function servicesPage(orgId: string, limit?: number, pageToken?: string): Promise<Page<ServiceItem>> {
  return queryPage<ServiceItem>({ ...keys.servicesOfOrg(orgId), limit, pageToken });
}

/** What DescribeService and ListService show: the service and the children it lists, nothing else. */
export interface ServiceOverview {
  service: ServiceItem;
  environments: EnvironmentItem[];
  tiers: ProductTierItem[];
  models: ServiceModelItem[];
}

const byCreation = (a: Stored, b: Stored) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);

/**
 * The service item with its environments, tiers and models: one consistent Query on the overview range
 * (`keys.serviceOverview`), never the resources, parameters, files or change records of the partition,
 * however many there are. Bounded by `SERVICE_LIMITS`. 404 unless the service is the org's.
 */
export async function readServiceOverview(orgId: string, serviceId: string): Promise<ServiceOverview> {
  const items = await queryAll<Stored & { entity?: string; orgId?: string }>(keys.serviceOverview(serviceId));
  const service = items.find((i) => i.entity === 'service') as ServiceItem | undefined;
  if (!service || service.orgId !== orgId) throw new NotFound('service');
  const of = <T>(entity: string) => (items.filter((i) => i.entity === entity) as unknown as T[]).sort(byCreation as never);
  return {
    service,
    environments: of<EnvironmentItem>('environment'),
    tiers: of<ProductTierItem>('productTier'),
    models: of<ServiceModelItem>('serviceModel'),
  };
}

/**
 * The plan join's ranges of a service: its tiers, models and service APIs (each bounded by a per-service
 * limit; APIs by one per environment), for ListServicePlans. Oldest first.
 */
export async function readPlanRanges(serviceId: string): Promise<{ tiers: ProductTierItem[]; models: ServiceModelItem[]; apis: ServiceApiItem[] }> {
  const [tiers, models, apis] = await Promise.all([
    queryAll<ProductTierItem>(keys.productTiersOfService(serviceId)),
    queryAll<ServiceModelItem>(keys.serviceModelsOfService(serviceId)),
    queryAll<ServiceApiItem>(keys.serviceApisOfService(serviceId)),
  ]);
  return {
    tiers: tiers.filter((t) => t.entity === 'productTier').sort(byCreation),
    models: models.filter((m) => m.entity === 'serviceModel'),
    apis: apis.filter((a) => a.entity === 'serviceApi'),
  };
}

/** Any item of a service partition, as far as the cascade of DeleteService needs to know it. */
export interface TreeItem extends Key {
  entity?: string;
  version?: number;
  [attribute: string]: unknown;
}

/**
 * Every item of the service's partition: only for DeleteService, which removes them all (the one
 * whole-partition read; bounded by the transaction limit it is checked against). 404 unless the org's.
 */
export async function readServiceTree(orgId: string, serviceId: string): Promise<{ service: ServiceItem; children: TreeItem[] }> {
  const items = await queryAll<TreeItem>(keys.servicePartition(serviceId));
  const service = items.find((i) => i.entity === 'service') as ServiceItem | undefined;
  if (!service || service.orgId !== orgId) throw new NotFound('service');
  return { service, children: items.filter((i) => i.entity !== 'service') };
}

/** The org's service with this key (the instance paths carry keys): one GetItem of its key guard, or 404. */
export async function serviceByKey(orgId: string, key: string): Promise<ServiceItem> {
  const guard = await getItem<{ serviceId?: string }>(keys.serviceKeyGuard(orgId, key));
  if (!guard?.serviceId) throw new NotFound('service');
  return getService(orgId, guard.serviceId);
}
