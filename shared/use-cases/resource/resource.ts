/**
 * Resource use cases: CreateResource, DescribeResource, ListResources, UpdateResource, DeleteResource,
 * DeprecateResource. One function per operationId (docs/decisions/005).
 */
import type { z } from 'zod';
import { advance, commit, MAX_TRANSACTION_ITEMS, planSize, stamp, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import {
  findResource,
  getResource,
  resourceKey,
  resourceKeyGuard,
  resourceKeysStartingWith,
  resourceKeyTaken,
  resourceListing,
  resourceNameGuard,
  resourcesOfTier,
  tierResourceCounter,
  type Dependency,
  type EnvVar,
  type ResourceItem,
} from '#shared/data/entities/resource.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { serviceTouch } from '#shared/data/entities/service.ts';
import { Conflict, InvalidState } from '#shared/errors.ts';
import { ID_PREFIX, newLowerId } from '#shared/domain/ids.ts';
import { deriveResourceKey, uniqueKey } from '#shared/domain/keys.ts';
import {
  carrySecrets,
  configurationOf,
  dedupeDependencies,
  dedupeEnvironment,
  deprecated,
  referencedIds,
  resolveResourceType,
  resourceView,
  sameDefinition,
} from '#shared/domain/resources.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';
import type { DescribeResourceResult, ListResourcesResult } from '#shared/schemas/resource.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { changeResource, resourceChange } from '#shared/use-cases/resource/change.ts';
import { referencePlan } from '#shared/use-cases/resource/references.ts';
import { cascadePlan, ChildrenBehind, dropBlobs, readCascade } from '#shared/use-cases/resource/cascade.ts';
import { atVersion, resourceAtVersion, resourcesAtVersion, type AtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';

export interface CreateResourceInput extends ResourceConfiguration {
  name: string;
  description: string;
  productTierId: string;
  key?: string;
  resourceType?: string;
  internal?: boolean;
  isProxy?: boolean;
  proxyType?: string;
  environmentVariables?: EnvVar[];
  resourceDependencies?: Dependency[];
  blobStorageConfiguration?: ResourceItem['blobStorageConfiguration'];
  fileSystemConfiguration?: ResourceItem['fileSystemConfiguration'];
  /** Set at create by the builds (the endpoint registers hooks and capabilities one by one). */
  actionHooks?: ResourceItem['actionHooks'];
  capabilities?: ResourceItem['capabilities'];
  container?: ResourceItem['container'];
}

/**
 * Adds a resource to a tier. Nothing here reads the tier's other resources: names and keys are unique through
 * guards (a derived key takes the next free `<base>-<n>` from the guards starting with it, and retries when a
 * concurrent create took it), the tier's counter bounds the tier, and only named dependency/load-balancer
 * targets are read.
 */
export async function createResource(caller: Caller, serviceId: string, input: CreateResourceInput): Promise<string> {
  const tier = await getProductTier(caller.orgId, serviceId, input.productTierId);
  const { resourceType, proxyType } = resolveResourceType(input);
  const resourceId = newLowerId(ID_PREFIX.resource);
  const name = input.name.trim();
  const base = input.key ?? deriveResourceKey(name);
  let key = base;
  let tries = 0;
  return withRetry(
    async () => {
      // Optimistic: the base key is usually free, and its guard says so at commit; only after it is found taken
      // do we read the guards starting with it (a range that grows with the tier) to pick the next free one.
      if (input.key === undefined && tries++ > 0) key = uniqueKey(base, await resourceKeysStartingWith(serviceId, tier.productTierId, base));
      const stamped = stamp({
        ...resourceKey(serviceId, resourceId),
        entity: 'resource' as const,
        orgId: caller.orgId,
        serviceId,
        environmentId: tier.environmentId,
        serviceApiId: tier.serviceApiId,
        serviceModelId: tier.serviceModelId,
        productTierId: tier.productTierId,
        resourceId,
        name,
        key,
        description: input.description,
        resourceType,
        ...(proxyType ? { proxyType } : {}),
        internal: input.internal ?? false,
        isProxy: proxyType !== undefined,
        isDeprecated: false,
        dependencies: dedupeDependencies(input.resourceDependencies ?? []),
        actionHooks: input.actionHooks ?? [],
        capabilities: input.capabilities ?? [],
        environmentVariables: dedupeEnvironment(input.environmentVariables ?? []),
        ...(input.container ? { container: input.container } : {}),
        ...(input.blobStorageConfiguration ? { blobStorageConfiguration: input.blobStorageConfiguration } : {}),
        ...(input.fileSystemConfiguration ? { fileSystemConfiguration: input.fileSystemConfiguration } : {}),
        ...configurationOf(input),
      });
      const item: ResourceItem = { ...stamped, ...resourceListing(serviceId, tier.productTierId, stamped.createdAt, resourceId) };
      const refs = await referencePlan(undefined, item);
      await commit({
        puts: [{ item }, ...refs.puts],
        checks: refs.checks,
        // The tier counter bounds the tier and, like a touch, fails a concurrent tier delete; the service touch
        // makes a concurrent DeleteService (conditional on the service version) see this child.
        counters: [tierResourceCounter(caller.orgId, serviceId, tier.productTierId, 1)],
        touches: [serviceTouch(caller.orgId, serviceId)],
        // The name guard first: when both are taken, the (final) name conflict is the answer.
        guardsAdd: [resourceNameGuard(serviceId, tier.productTierId, name, resourceId), resourceKeyGuard(serviceId, tier.productTierId, key, resourceId)].map(
          (guard) => ({ guard, owner: item }),
        ),
        appends: [resourceChange(caller, item, 'NEW')],
      });
      return resourceId;
    },
    { retryOn: (e) => input.key === undefined && e instanceof Conflict && e.message === resourceKeyTaken(key) },
  );
}

/** The current resource, or with a version the resource as that version set released it. */
export async function describeResource(caller: Caller, serviceId: string, id: string, at?: AtVersion): Promise<z.input<typeof DescribeResourceResult>> {
  if (atVersion(at)) return resourceView((await resourceAtVersion(caller.orgId, serviceId, id, at)).resource);
  return resourceView(await getResource(caller.orgId, serviceId, id));
}

/** Every resource of the tier (bounded by MAX_RESOURCES_PER_TIER), through the tier's index; managed=true lists none. */
export async function listResources(
  caller: Caller,
  serviceId: string,
  productTierId: string,
  managed?: boolean,
  at?: AtVersion,
): Promise<z.input<typeof ListResourcesResult>> {
  const released = atVersion(at) ? (await resourcesAtVersion(caller.orgId, serviceId, productTierId, at.version)).map((r) => r.resource) : undefined;
  if (!released) await getProductTier(caller.orgId, serviceId, productTierId);
  const all = released ?? (await resourcesOfTier(serviceId, productTierId));
  const resources = managed === true ? [] : all.filter((r) => r.orgId === caller.orgId);
  return { ids: resources.map((r) => r.resourceId), resources: resources.map(resourceView) };
}

export interface UpdateResourceInput extends ResourceConfiguration {
  name?: string;
  description?: string;
  environmentVariables?: EnvVar[];
  dependencies?: Dependency[];
}

/** Fields left out are kept; a block sent replaces the stored one (credentials carried over). */
export async function updateResource(caller: Caller, serviceId: string, id: string, input: UpdateResourceInput): Promise<void> {
  await withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const updated: ResourceItem = { ...current };
    const plan: TransactionPlan = {};
    if (input.name !== undefined && input.name.trim() !== current.name) {
      updated.name = input.name.trim();
      if (updated.name.toLowerCase() !== current.name.toLowerCase()) {
        plan.guardsAdd = [{ guard: resourceNameGuard(serviceId, current.productTierId, updated.name, id), owner: current }];
        plan.guardsRemove = [resourceNameGuard(serviceId, current.productTierId, current.name, id).key];
      }
    }
    if (input.description !== undefined) updated.description = input.description;
    if (input.environmentVariables !== undefined) updated.environmentVariables = dedupeEnvironment(input.environmentVariables);
    Object.assign(updated, configurationOf(input, (f, v) => carrySecrets(current[f], v)));
    // A configuration block that contradicts the resource's type is refused; the type itself never changes here.
    resolveResourceType({ ...updated, resourceType: current.resourceType, isProxy: current.isProxy, proxyType: current.proxyType });
    if (input.dependencies !== undefined) updated.dependencies = dedupeDependencies(input.dependencies);
    if (sameDefinition(current, updated)) return;
    const next = advance(current, updated);
    const refs =
      JSON.stringify(referencedIds(current)) !== JSON.stringify(referencedIds(next)) || input.dependencies !== undefined
        ? await referencePlan(current, next)
        : { puts: [], checks: [] };
    await commit({
      ...plan,
      puts: [{ item: next, expectVersion: current.version }, ...refs.puts],
      checks: refs.checks,
      appends: [resourceChange(caller, next, 'UPDATE')],
    });
  });
}

export function deprecateResource(caller: Caller, serviceId: string, id: string): Promise<void> {
  // Deprecating twice is a no-op: the second call records nothing.
  return changeResource(caller, serviceId, id, 'deprecate', deprecated, 'DEPRECATE');
}

/** Resource keys of `ids` in creation order (for messages); ids that vanished are shown as ids. */
async function keysOf(serviceId: string, ids: string[]): Promise<string[]> {
  const found = await Promise.all(ids.map((id) => findResource(serviceId, id)));
  return found
    .map((r, i) => ({ key: r?.key ?? ids[i], at: r?.createdAt ?? '' }))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((r) => r.key);
}

/** 409 while another resource depends on or routes to the resource, or an input parameter points at it. */
async function refuseWhileReferenced(r: ResourceItem): Promise<void> {
  const users = (r.referencedBy ?? []).filter((id) => id !== r.resourceId);
  if (users.length) {
    throw new InvalidState(`resource ${r.key} is a dependency of ${(await keysOf(r.serviceId, users)).join(', ')}; remove those dependencies first`);
  }
  const owners = [...new Set(Object.values(r.parameterReferences ?? {}))].filter((id) => id !== r.resourceId);
  if (owners.length) {
    throw new InvalidState(`resource ${r.key} is referenced by input parameters of ${(await keysOf(r.serviceId, owners)).join(', ')}; remove them first`);
  }
}

/** Children removed per transaction when a resource has more than one transaction holds. */
const CHUNK = 30;

/**
 * Deletes a resource with its parameters and files in one transaction (blobs removed right after). The
 * decision comes from the resource's own consistent read (referrers, child counters); the children are read
 * through the resource's index and their number checked against the counters. A resource with more children
 * than one transaction holds sheds them in chunks first (each conditional on the resource's version), then goes
 * with the last of them.
 */
export async function deleteResource(caller: Caller, serviceId: string, id: string): Promise<void> {
  for (;;) {
    const done = await withRetry(
      async () => {
        const current = await getResource(caller.orgId, serviceId, id);
        await refuseWhileReferenced(current);
        const cascade = await readCascade(current);
        const all = cascadePlan(cascade, cascade.children, true);
        const plan: TransactionPlan = {
          deletes: [{ key: resourceKey(serviceId, id), version: current.version }, ...all.plan.deletes],
          puts: all.plan.puts,
          counters: [tierResourceCounter(caller.orgId, serviceId, current.productTierId, -1)],
          guardsRemove: [
            resourceNameGuard(serviceId, current.productTierId, current.name, id).key,
            resourceKeyGuard(serviceId, current.productTierId, current.key, id).key,
            ...all.plan.guardsRemove,
          ],
          appends: [resourceChange(caller, current, 'DELETE')],
        };
        if (planSize(plan) <= MAX_TRANSACTION_ITEMS) {
          await commit(plan);
          await dropBlobs(all.blobKeys);
          return true;
        }
        const chunk = cascade.children.slice(0, CHUNK);
        const part = cascadePlan(cascade, chunk, false);
        const count = (kind: string) => chunk.filter((c) => c.kind === kind).length;
        const shrunk = advance(current, {
          ...current,
          inputParameterCount: (current.inputParameterCount ?? 0) - count('input'),
          outputParameterCount: (current.outputParameterCount ?? 0) - count('output'),
          fileCount: (current.fileCount ?? 0) - count('file'),
        });
        await commit({ ...part.plan, puts: [{ item: shrunk, expectVersion: current.version }, ...part.plan.puts] });
        await dropBlobs(part.blobKeys);
        return false;
      },
      { retryOn: (e) => e instanceof ChildrenBehind, retries: 20 },
    );
    if (done) return;
  }
}
