/**
 * Use cases of the service group (one per operationId). A service and every item of its tree share the
 * partition `SVC#<serviceId>`; the org lists its services through gsi1, and the org partition holds the
 * guards that keep names and keys unique in the org.
 */
import { keys } from '#shared/data/keys.ts';
import { advance, commit, MAX_TRANSACTION_ITEMS, planSize, stamp, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey, uniqueKey } from '#shared/domain/keys.ts';
import { healthReport, serviceView, type Provider } from '#shared/domain/service.ts';
import {
  getService,
  readServiceOverview,
  readServiceTree,
  serviceKeyGuard,
  serviceKeysStartingWith,
  serviceKeyTaken,
  serviceNameGuard,
  servicesPage,
  type ServiceItem,
} from '#shared/data/entities/service.ts';
import { environmentsOf, type EnvironmentItem } from '#shared/data/entities/environment.ts';
import { deploymentConfigUsage } from '#shared/data/entities/deployment-config.ts';
import { getProviderProfile } from '#shared/data/entities/org.ts';
import { MAX_PAGE_SIZE } from '#shared/data/page-token.ts';
import { orgUsageCounter } from '#shared/data/entities/limit.ts';
import { LIMIT_FAMILY, LIMIT_KEY, limitReached } from '#shared/domain/limit.ts';
import { limitForWrite } from '#shared/use-cases/limit.ts';

type Who = Pick<Caller, 'orgId' | 'role'>;

/** The caller's org as services show their provider. */
const providerOf = (orgId: string): Promise<Provider> => getProviderProfile(orgId);

export interface NewService {
  name: string;
  description: string;
  serviceLogoURL?: string;
}

/**
 * Creates a service with a name unique in the org (409 otherwise) and a key derived from the name. Two
 * names can derive the same key ("My SQL", "my-sql"); the second gets `my-sql-2`, picked (once the base key's
 * guard was found taken) from a query on the key guards, never the sibling services. A key taken by a concurrent create retries with the next
 * free key; a taken name is a 409. Answers the new service.
 */
export async function createService(orgId: string, input: NewService): Promise<ServiceItem> {
  const serviceId = newId(ID_PREFIX.service);
  const name = input.name.trim();
  const base = deriveKey(name);
  let key = base;
  let tries = 0;
  return withRetry(
    async () => {
      // Optimistic: try the base key first; read the taken keys only once its guard was found taken.
      if (tries++ > 0) key = uniqueKey(base, await serviceKeysStartingWith(orgId, base));
      // Services per org (docs/limits.md "Org limits"): counted on the org item, the limit read fenced in the plan.
      const limit = await limitForWrite(orgId, LIMIT_FAMILY.org, LIMIT_KEY.servicesPerOrg);
      const stored = stamp({
        ...keys.service(serviceId),
        entity: 'service' as const,
        serviceId,
        orgId,
        name,
        key,
        description: input.description,
        serviceLogoURL: input.serviceLogoURL ?? '',
      });
      const item: ServiceItem = { ...stored, ...keys.serviceListing(orgId, stored.createdAt, serviceId) };
      await commit({
        puts: [{ item }],
        guardsAdd: [
          { guard: serviceNameGuard(orgId, name, serviceId), owner: item },
          { guard: serviceKeyGuard(orgId, key, serviceId), owner: item },
        ],
        counters: [orgUsageCounter(orgId, 'serviceCount', 1, { max: limit.value, failure: limitReached(limit.def, limit.value, 'services') })],
        ...limit.fence,
      });
      return item;
    },
    { retryOn: (e) => e instanceof Conflict && e.message === serviceKeyTaken(key) },
  );
}

/** DescribeService: one Query of the service's overview range (the service, its environments, models, tiers). */
export async function describeService(caller: Who, serviceId: string) {
  const [overview, provider] = await Promise.all([readServiceOverview(caller.orgId, serviceId), providerOf(caller.orgId)]);
  return serviceView(overview, provider, caller.role);
}

/**
 * ListService: a page of the org's services (clients send no paging parameters: the largest page by
 * default, with a token when there are more), each described with every environment and plan.
 */
export async function listService(caller: Who, query: { pageSize?: number; nextPageToken?: string }) {
  const [page, provider] = await Promise.all([
    servicesPage(caller.orgId, query.pageSize ?? MAX_PAGE_SIZE, query.nextPageToken),
    providerOf(caller.orgId),
  ]);
  const overviews = await Promise.all(
    page.items.map((s) =>
      // A service deleted between the index read and its own read is simply left out.
      readServiceOverview(caller.orgId, s.serviceId).catch((e: unknown) => {
        if (e instanceof NotFound) return undefined;
        throw e;
      }),
    ),
  );
  const services = overviews.filter((o) => o !== undefined).map((o) => serviceView(o, provider, caller.role));
  return {
    ids: services.map((s) => s.id),
    services,
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
  };
}

export interface ServiceChanges {
  name?: string;
  description?: string;
  serviceLogoURL?: string;
}

/** Renames move the name guard in the same write; the key stays: clients have echoed it into paths. */
export function updateService(orgId: string, serviceId: string, changes: ServiceChanges): Promise<void> {
  return withRetry(async () => {
    const current = await getService(orgId, serviceId);
    const next = advance(current, {
      ...current,
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.serviceLogoURL !== undefined ? { serviceLogoURL: changes.serviceLogoURL } : {}),
    });
    const renamed = keys.serviceNameGuard(orgId, current.name).sk !== keys.serviceNameGuard(orgId, next.name).sk;
    await commit({
      puts: [{ item: next, expectVersion: current.version }],
      ...(renamed
        ? { guardsAdd: [{ guard: serviceNameGuard(orgId, next.name, serviceId), owner: next }], guardsRemove: [keys.serviceNameGuard(orgId, current.name)] }
        : {}),
    });
  });
}

/**
 * Deletes a service with its whole tree in one transaction: every item of its partition (the one read of a
 * whole partition: it removes everything), its org guards, and the usage counts its environments hold on
 * deployment configs. Conditional on the service version read, which every child write bumps, so nothing
 * created meanwhile is orphaned (a lost race re-reads). A tree too large for one transaction is refused
 * with 409 rather than removed in parts.
 */
export function deleteService(orgId: string, serviceId: string): Promise<void> {
  return withRetry(async () => {
    const { service, children } = await readServiceTree(orgId, serviceId);
    const usage = new Map<string, number>();
    for (const env of children.filter((i) => i.entity === 'environment') as unknown as EnvironmentItem[]) {
      usage.set(env.deploymentConfigId, (usage.get(env.deploymentConfigId) ?? 0) + 1);
    }
    const plan: TransactionPlan = {
      deletes: [
        { key: keys.service(serviceId), version: service.version },
        // Versioned children must still be the ones read; guards and records only still there.
        ...children.map((c) => ({ key: { pk: c.pk, sk: c.sk }, version: typeof c.version === 'number' ? c.version : undefined })),
      ],
      guardsRemove: [keys.serviceNameGuard(orgId, service.name), keys.serviceKeyGuard(orgId, service.key)],
      counters: [...usage].map(([dcId, n]) => deploymentConfigUsage(orgId, dcId, -n)).concat(orgUsageCounter(orgId, 'serviceCount', -1)),
    };
    if (planSize(plan) > MAX_TRANSACTION_ITEMS) {
      throw new Conflict(
        `service ${serviceId} has too many definition items (${children.length}) to delete at once; delete its environments first`,
      );
    }
    await commit(plan);
  });
}

/** Health of the service and of each of its environments (the environment range only). */
export async function serviceHealth(orgId: string, serviceId: string): Promise<{ id: string; health: string; report: Record<string, string> }> {
  const [, environments] = await Promise.all([getService(orgId, serviceId), environmentsOf(serviceId)]);
  return { id: serviceId, ...healthReport(environments) };
}
