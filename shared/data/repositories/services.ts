/**
 * Services: the root of a provider's definition tree. The service item and every item of its tree share the
 * partition `SVC#<serviceId>`; the org lists its services through gsi1, and the org partition holds the
 * guards that keep names and keys unique in the org.
 */
import { keys } from '#shared/data/keys.ts';
import { tableName } from '#shared/data/client.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryAll,
  queryPage,
  type Key,
  type Page,
  type Stored,
  type TransactItem,
} from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey, uniqueKey } from '#shared/domain/keys.ts';
import type { PartitionItem } from '#shared/domain/service-plans.ts';
import { aggregateHealth } from '#shared/domain/services.ts';
import { deploymentConfigUsage } from '#shared/data/repositories/deployment-configs.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import { getService, type ServiceItem } from '#shared/data/entities/service.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/service.ts';


const nameGuard = (orgId: string, name: string) => ({
  key: keys.serviceNameGuard(orgId, name),
  conflict: `a service named "${name.trim()}" already exists`,
});

const keyTakenMessage = (key: string) => `service key "${key}" is taken`;


/**
 * Every item of a service's partition (the service item included) in one Query; 404 unless the service
 * exists in the caller's org.
 */
export async function readServiceTree(
  orgId: string,
  serviceId: string,
): Promise<{ service: ServiceItem; items: PartitionItem[] }> {
  const items = await queryAll<PartitionItem>(keys.servicePartition(serviceId));
  const service = items.find((i) => i.sk === keys.service(serviceId).sk) as ServiceItem | undefined;
  if (!service || service.orgId !== orgId) throw new NotFound('service');
  return { service, items };
}

/**
 * A write to put in the same transaction as any create/delete/move of a child of the service: it fails the
 * transaction when the service is gone (or not the org's), and bumps the service's version so a concurrent
 * DeleteService — conditional on the version it read — cannot miss the child (no orphans, no double counts).
 */
export function serviceTouch(orgId: string, serviceId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.service(serviceId),
      UpdateExpression: 'ADD version :one',
      ConditionExpression: 'attribute_exists(pk) AND orgId = :org',
      ExpressionAttributeValues: { ':one': 1, ':org': orgId },
    },
  };
}

/** Keys already used by the org's services that start with `base` (one Query on the guard prefix). */
async function keysStartingWith(orgId: string, base: string): Promise<Set<string>> {
  const guards = await queryAll<{ value?: string }>(keys.serviceKeyGuardsStartingWith(orgId, base));
  return new Set(guards.map((g) => g.value ?? ''));
}

export interface NewService {
  name: string;
  description: string;
  serviceLogoURL?: string;
}

/**
 * Creates a service with a name unique in the org (409 otherwise) and a key derived from the name. Two
 * names can derive the same key ("My SQL", "my-sql"); the second gets `my-sql-2`. A race on a key retries
 * with the next free key; a race on the name is a 409.
 */
export async function createService(orgId: string, input: NewService): Promise<ServiceItem> {
  const serviceId = newId(ID_PREFIX.service);
  const name = input.name.trim();
  const base = deriveKey(name);
  for (let attempt = 0; ; attempt++) {
    const key = uniqueKey(base, await keysStartingWith(orgId, base));
    const item = {
      ...keys.service(serviceId),
      entity: 'service' as const,
      serviceId,
      orgId,
      name,
      key,
      description: input.description,
      serviceLogoURL: input.serviceLogoURL ?? '',
      ...keys.serviceListing(orgId, new Date().toISOString(), serviceId),
    };
    try {
      return (await createWithGuards(item, [
        nameGuard(orgId, name),
        { key: keys.serviceKeyGuard(orgId, key), conflict: keyTakenMessage(key), attributes: { serviceId, value: key } },
      ])) as ServiceItem;
    } catch (e) {
      // A taken name is final; a taken key or a transaction that lost to a concurrent one is retried.
      if (!(e instanceof Conflict) || e.message === nameGuard(orgId, name).conflict || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

/** Lists the org's services in creation order, one bounded page at a time. */
export function listServices(orgId: string, limit?: number, pageToken?: string): Promise<Page<ServiceItem>> {
  return queryPage<ServiceItem>({ ...keys.servicesOfOrg(orgId), limit, pageToken });
}

export interface ServiceChanges {
  name?: string;
  description?: string;
  serviceLogoURL?: string;
}

/** Renames move the name guard in the same write; the key stays: clients have echoed it into paths. */
export function updateService(orgId: string, serviceId: string, changes: ServiceChanges): Promise<ServiceItem> {
  return mutate<ServiceItem>(
    keys.service(serviceId),
    (current) => ({
      ...current,
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.serviceLogoURL !== undefined ? { serviceLogoURL: changes.serviceLogoURL } : {}),
    }),
    {
      entity: 'service',
      visible: (s) => s.orgId === orgId,
      guards: (before, after) => {
        const from = keys.serviceNameGuard(orgId, before.name);
        const to = keys.serviceNameGuard(orgId, after.name);
        if (from.sk === to.sk) return { add: [], remove: [] };
        return { add: [nameGuard(orgId, after.name)], remove: [from] };
      },
    },
  );
}

/** DynamoDB's limit on the items of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Deletes a service with its whole tree in one transaction: every item of its partition, its org guards,
 * and the usage counts its environments hold on deployment configs. Conditional on the service version
 * read, which every child write bumps (serviceTouch), so nothing created meanwhile is orphaned. A tree too
 * large for one transaction is refused with 409 rather than removed in parts.
 */
export async function deleteService(orgId: string, serviceId: string): Promise<void> {
  const { service, items } = await readServiceTree(orgId, serviceId);
  const children = items.filter((i) => i.sk !== service.sk).map((i) => ({ pk: i.pk as string, sk: i.sk }));
  const usage = new Map<string, number>();
  for (const env of items.filter((i) => i.entity === 'environment') as unknown as EnvironmentItem[]) {
    usage.set(env.deploymentConfigId, (usage.get(env.deploymentConfigId) ?? 0) + 1);
  }
  const alsoDelete = [...children, keys.serviceNameGuard(orgId, service.name), keys.serviceKeyGuard(orgId, service.key)];
  const extra = [...usage].map(([dcId, n]) => deploymentConfigUsage(orgId, dcId, -n));
  if (1 + alsoDelete.length + extra.length > MAX_TRANSACTION_ITEMS) {
    throw new Conflict(
      `service ${serviceId} has too many definition items (${children.length}) to delete at once; delete its environments first`,
    );
  }
  await deleteAtomically(keys.service(serviceId), { version: service.version, alsoDelete, extra });
}

/**
 * Health of the service and of each of its environments, rolled up from their resource instances.
 * Instances arrive with a later issue and none can exist yet, so every environment (and the service)
 * honestly reports N/A rather than a made-up HEALTHY.
 */
export async function serviceHealth(
  orgId: string,
  serviceId: string,
): Promise<{ health: string; report: Record<string, string> }> {
  const { items } = await readServiceTree(orgId, serviceId);
  const instanceHealthByEnvironment = new Map<string, string[]>();
  for (const env of items.filter((i) => i.entity === 'environment')) {
    instanceHealthByEnvironment.set(String(env.environmentId), []);
  }
  const report = Object.fromEntries([...instanceHealthByEnvironment].map(([id, hs]) => [id, aggregateHealth(hs)]));
  return { health: aggregateHealth([...instanceHealthByEnvironment.values()].flat()), report };
}
