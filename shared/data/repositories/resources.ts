/**
 * Resources: the components of a product tier. Each is one item `RES#<id>` in its service's partition that
 * carries its whole definition (configurations, dependencies, hooks, capabilities, environment variables,
 * metrics endpoint), so a describe is one GetItem and the tier's dependency graph is one Query.
 *
 * Every change goes through one transaction that also writes the tier's change record; writes are
 * conditional on the versions read (see shared/data/transaction.ts), so concurrent changes lose nothing
 * and a dependency cannot slip past the cycle check or onto a resource being deleted.
 */
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { keys, TREE } from '#shared/data/keys.ts';
import { getItem, queryAll, stamp, type Guard, type Key, type Stored } from '#shared/data/store.ts';
import { commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { changeRecord, type ChangeKind } from '#shared/data/repositories/change-log.ts';
import { BadRequest, Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newLowerId } from '#shared/domain/ids.ts';
import { deriveResourceKey } from '#shared/domain/keys.ts';
import {
  carrySecrets,
  dedupeEnvironment,
  redactSecrets,
  resolveResourceType,
  type ActionHookValue,
  type CapabilityValue,
  type EnvVar,
} from '#shared/domain/resources.ts';
import { checkDependencies, dependentsOf, graphOf, type Graph } from '#shared/domain/dependencies.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { getResource, resourcesOfTier, type Dependency, type ResourceItem } from '#shared/data/entities/resource.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/resource.ts';

export type TierItem = ProductTierItem;



/** Configuration blocks copied verbatim from requests (after validation). */
const CONFIG_FIELDS = [
  'additionalSecurityContext',
  'backupConfiguration',
  'customLabels',
  'customSysCTLs',
  'customULimits',
  'helmChartConfiguration',
  'imageConfigId',
  'infraConfigId',
  'jobConfig',
  'kustomizeConfiguration',
  'l4LoadBalancerConfiguration',
  'l7LoadBalancerConfiguration',
  'operatorCRDConfiguration',
  'terraformConfigurations',
] as const satisfies readonly (keyof ResourceConfiguration)[];

const resourceKey = keys.resource;
const tierKey = keys.productTier;

const nameGuard = (serviceId: string, tierId: string, name: string): Guard => ({
  key: keys.resourceNameGuard(serviceId, tierId, name),
  conflict: `a resource named "${name.trim()}" already exists in this product tier`,
});
const keyGuard = (serviceId: string, tierId: string, key: string): Guard => ({
  key: keys.resourceKeyGuard(serviceId, tierId, key),
  conflict: `resource key "${key}" is already used in this product tier`,
});

/** The product tier, or 404 when missing or another org's. */
export async function getTier(orgId: string, serviceId: string, tierId: string): Promise<TierItem> {
  const tier = await getItem<TierItem>(tierKey(serviceId, tierId));
  if (!tier || tier.orgId !== orgId) throw new NotFound('product tier');
  return tier;
}



function dependencyGraph(resources: ResourceItem[]): Graph {
  return graphOf(resources.map((r) => ({ id: r.resourceId, label: r.key, dependsOn: r.dependencies.map((d) => d.resourceId) })));
}

/** Ids a resource points at: dependencies and load balancer targets. Deleting any of them is refused. */
function referencedIds(r: Pick<ResourceItem, 'dependencies' | 'l4LoadBalancerConfiguration' | 'l7LoadBalancerConfiguration'>): string[] {
  const ids = new Set(r.dependencies.map((d) => d.resourceId));
  for (const p of r.l4LoadBalancerConfiguration?.ingressPortConfiguration ?? []) for (const id of p.associatedResourceIDs) ids.add(id);
  for (const p of r.l7LoadBalancerConfiguration?.paths ?? []) ids.add(p.associatedResourceID);
  return [...ids];
}

function checkLoadBalancerTargets(r: ResourceItem, tier: ResourceItem[]): void {
  const ids = new Set(tier.map((t) => t.resourceId));
  const lbTargets = referencedIds({ ...r, dependencies: [] });
  for (const id of lbTargets) {
    if (id === r.resourceId) throw new BadRequest('a load balancer cannot route to itself');
    if (!ids.has(id)) throw new BadRequest(`load balancer target ${id} is not a resource of the same product tier`);
  }
}

function dedupeDependencies(deps: Dependency[]): Dependency[] {
  const byId = new Map<string, Dependency>();
  for (const d of deps) byId.set(d.resourceId.trim(), { resourceId: d.resourceId.trim(), ...(d.parameterMap ? { parameterMap: d.parameterMap } : {}) });
  return [...byId.values()];
}

/**
 * Conditions for a write that changes what `next` points at: the graph nodes the cycle check read must be
 * unchanged, and every newly referenced resource gets its version bumped, so a concurrent delete of it
 * (conditional on the version it read) fails instead of leaving a dangling reference.
 */
function referencePlan(before: ResourceItem | undefined, next: ResourceItem, tier: ResourceItem[]): Pick<TransactionPlan, 'bumps' | 'checks'> {
  const graph = dependencyGraph(tier.filter((r) => r.resourceId !== next.resourceId).concat(before ? [before] : []));
  const verdict = checkDependencies(graph, next.resourceId, next.dependencies.map((d) => d.resourceId));
  checkLoadBalancerTargets(next, tier);
  const old = new Set(before ? referencedIds(before) : []);
  const added = referencedIds(next).filter((id) => !old.has(id));
  const version = new Map(tier.map((r) => [r.resourceId, r.version]));
  const bumped = new Set(added);
  return {
    bumps: added.map((id) => ({ key: resourceKey(next.serviceId, id), version: version.get(id)! })),
    checks: verdict.relied
      .filter((id) => !bumped.has(id) && id !== next.resourceId)
      .map((id) => ({ key: resourceKey(next.serviceId, id), version: version.get(id)! })),
  };
}

function change(caller: Caller, r: ResourceItem, kind: ChangeKind, detail?: string) {
  return changeRecord({
    orgId: r.orgId,
    serviceId: r.serviceId,
    productTierId: r.productTierId,
    entity: 'resource',
    id: r.resourceId,
    resourceId: r.resourceId,
    kind,
    detail,
    by: caller.userId,
  });
}

function next(current: ResourceItem): ResourceItem {
  return { ...current, version: current.version + 1, updatedAt: new Date().toISOString() };
}

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
}

export async function createResource(caller: Caller, serviceId: string, input: CreateResourceInput): Promise<ResourceItem> {
  const tier = await getTier(caller.orgId, serviceId, input.productTierId);
  const { resourceType, proxyType } = resolveResourceType(input);
  const resourceId = newLowerId(ID_PREFIX.resource);
  const key = input.key ?? deriveResourceKey(input.name);
  const name = input.name.trim();
  const config: ResourceConfiguration = {};
  for (const f of CONFIG_FIELDS) if (input[f] !== undefined) (config as Record<string, unknown>)[f] = input[f];
  return withRetry(async () => {
    const siblings = await resourcesOfTier(serviceId, tier.productTierId);
    const item = stamp({
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
      actionHooks: [],
      capabilities: [],
      environmentVariables: dedupeEnvironment(input.environmentVariables ?? []),
      ...(input.blobStorageConfiguration ? { blobStorageConfiguration: input.blobStorageConfiguration } : {}),
      ...(input.fileSystemConfiguration ? { fileSystemConfiguration: input.fileSystemConfiguration } : {}),
      ...config,
    }) as ResourceItem;
    await commit({
      puts: [{ item: item as unknown as Key & Record<string, unknown> }],
      ...referencePlan(undefined, item, siblings),
      // The service touch makes a concurrent DeleteService (conditional on the service version) see this child.
      touches: [
        { key: tierKey(serviceId, tier.productTierId), orgId: caller.orgId, entity: 'product tier' },
        { key: keys.service(serviceId), orgId: caller.orgId, entity: 'service' },
      ],
      guardsAdd: [nameGuard(serviceId, tier.productTierId, name), keyGuard(serviceId, tier.productTierId, key)].map((guard) => ({
        guard: { ...guard, attributes: { resourceId } },
        owner: item,
      })),
      appends: [change(caller, item, 'NEW')],
    });
    return item;
  });
}

export interface UpdateResourceInput extends ResourceConfiguration {
  name?: string;
  description?: string;
  environmentVariables?: EnvVar[];
  dependencies?: Dependency[];
}

export async function updateResource(caller: Caller, serviceId: string, id: string, input: UpdateResourceInput): Promise<void> {
  await withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const updated = next(current);
    const plan: TransactionPlan = {};
    if (input.name !== undefined && input.name.trim() !== current.name) {
      updated.name = input.name.trim();
      if (updated.name.toLowerCase() !== current.name.toLowerCase()) {
        plan.guardsAdd = [{ guard: { ...nameGuard(serviceId, current.productTierId, updated.name), attributes: { resourceId: id } }, owner: current }];
        plan.guardsRemove = [nameGuard(serviceId, current.productTierId, current.name).key];
      }
    }
    if (input.description !== undefined) updated.description = input.description;
    if (input.environmentVariables !== undefined) updated.environmentVariables = dedupeEnvironment(input.environmentVariables);
    for (const f of CONFIG_FIELDS) {
      if (input[f] !== undefined) (updated as unknown as Record<string, unknown>)[f] = carrySecrets(current[f], input[f]);
    }
    // A configuration block that contradicts the resource's type is refused; the type itself never changes here.
    resolveResourceType({ ...updated, resourceType: current.resourceType, isProxy: current.isProxy, proxyType: current.proxyType });
    if (input.dependencies !== undefined) updated.dependencies = dedupeDependencies(input.dependencies);
    if (sameDefinition(current, updated)) return;
    const referencesChanged =
      JSON.stringify(referencedIds(current)) !== JSON.stringify(referencedIds(updated)) ||
      input.dependencies !== undefined;
    if (referencesChanged) {
      const tier = await resourcesOfTier(serviceId, current.productTierId);
      Object.assign(plan, referencePlan(current, updated, tier));
    }
    await commit({ ...plan, puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }], appends: [change(caller, updated, 'UPDATE')] });
  });
}

function sameDefinition(a: ResourceItem, b: ResourceItem): boolean {
  const strip = ({ version: _v, updatedAt: _u, ...rest }: ResourceItem) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/**
 * Applies `edit` to the resource (read–decide–write, retried on races) and records the change.
 * `edit` returns undefined when there is nothing to change.
 */
export async function changeResource(
  caller: Caller,
  serviceId: string,
  id: string,
  detail: string,
  edit: (current: ResourceItem) => ResourceItem | undefined,
  kind: ChangeKind = 'UPDATE',
): Promise<ResourceItem> {
  return withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const edited = edit(structuredClone(current));
    if (!edited) return current;
    // `edit` got a copy of the whole item: what it left out (e.g. a deregistered metrics config) is gone.
    const updated: ResourceItem = { ...edited, pk: current.pk, sk: current.sk, version: current.version + 1, updatedAt: new Date().toISOString() };
    await commit({
      puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }],
      appends: [change(caller, updated, kind, detail)],
    });
    return updated;
  });
}

export function deprecateResource(caller: Caller, serviceId: string, id: string): Promise<ResourceItem> {
  // Deprecating twice is a no-op: the second call records nothing.
  return changeResource(caller, serviceId, id, 'deprecate', (r) => (r.isDeprecated ? undefined : { ...r, isDeprecated: true }), 'DEPRECATE');
}

export async function addDependency(
  caller: Caller,
  serviceId: string,
  id: string,
  dependencyId: string,
  parameterMap: Record<string, string> | undefined,
): Promise<void> {
  await withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const existing = current.dependencies.find((d) => d.resourceId === dependencyId);
    const entry: Dependency = { resourceId: dependencyId, ...(parameterMap ? { parameterMap } : {}) };
    if (existing && JSON.stringify(existing) === JSON.stringify(entry)) return;
    const updated = next(current);
    updated.dependencies = existing
      ? current.dependencies.map((d) => (d.resourceId === dependencyId ? entry : d))
      : [...current.dependencies, entry];
    const tier = await resourcesOfTier(serviceId, current.productTierId);
    await commit({
      ...referencePlan(current, updated, tier),
      puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }],
      appends: [change(caller, updated, 'UPDATE', 'dependency')],
    });
  });
}

export async function removeDependency(caller: Caller, serviceId: string, id: string, dependencyId: string): Promise<void> {
  await changeResource(caller, serviceId, id, 'dependency', (r) => {
    if (!r.dependencies.some((d) => d.resourceId === dependencyId)) throw new NotFound('resource dependency');
    return { ...r, dependencies: r.dependencies.filter((d) => d.resourceId !== dependencyId) };
  });
}

/** Resources of the same tier that depend on `id`. */
export async function listDependents(orgId: string, serviceId: string, id: string): Promise<string[]> {
  const resource = await getResource(orgId, serviceId, id);
  const tier = await resourcesOfTier(serviceId, resource.productTierId);
  return dependentsOf(dependencyGraph(tier), id);
}

/** What deleting a resource must also remove: its parameters, files and their guards. */
export interface ResourceChildren {
  deletes: { key: Key; version: number }[];
  guards: Key[];
  blobKeys: string[];
  /** Input parameters of other resources that reference this one. */
  referencingParameters: { id: string; resourceId: string }[];
}

export type ChildrenLoader = (serviceId: string, resourceId: string) => Promise<ResourceChildren>;

/**
 * Deletes a resource with its parameters and files in one transaction. Refused (409) while other resources
 * depend on it, route to it, or have parameters that reference it. `loadChildren` (resource-children.ts)
 * finds the parameters and files. Returns the blob keys to remove once the transaction succeeded.
 */
export async function deleteResource(caller: Caller, serviceId: string, id: string, loadChildren: ChildrenLoader): Promise<string[]> {
  return withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const tier = await resourcesOfTier(serviceId, current.productTierId);
    const children = await loadChildren(serviceId, id);
    const users = tier.filter((r) => r.resourceId !== id && referencedIds(r).includes(id)).map((r) => r.key);
    if (users.length) {
      throw new Conflict(`resource ${current.key} is a dependency of ${users.join(', ')}; remove those dependencies first`);
    }
    if (children.referencingParameters.length) {
      const owners = [...new Set(children.referencingParameters.map((p) => tier.find((r) => r.resourceId === p.resourceId)?.key ?? p.resourceId))];
      throw new Conflict(`resource ${current.key} is referenced by input parameters of ${owners.join(', ')}; remove them first`);
    }
    await commit({
      deletes: [{ key: resourceKey(serviceId, id), version: current.version }, ...children.deletes],
      guardsRemove: [
        nameGuard(serviceId, current.productTierId, current.name).key,
        keyGuard(serviceId, current.productTierId, current.key).key,
        ...children.guards,
      ],
      appends: [change(caller, current, 'DELETE')],
    });
    return children.blobKeys;
  });
}

/** The describe view: every required field filled, credentials left out. */
export function describeResource(r: ResourceItem) {
  const config: ResourceConfiguration = {};
  for (const f of CONFIG_FIELDS) if (r[f] !== undefined) (config as Record<string, unknown>)[f] = redactSecrets(r[f]);
  return {
    id: r.resourceId,
    serviceId: r.serviceId,
    productTierId: r.productTierId,
    name: r.name,
    key: r.key,
    description: r.description,
    resourceType: r.resourceType,
    internal: r.internal,
    isDeprecated: r.isDeprecated,
    ...(r.proxyType ? { proxyType: r.proxyType } : {}),
    actionHooks: r.actionHooks,
    capabilities: r.capabilities,
    dependencies: r.dependencies,
    environmentVariables: r.environmentVariables,
    ...(r.blobStorageConfiguration ? { blobStorageConfiguration: r.blobStorageConfiguration } : {}),
    ...(r.fileSystemConfiguration ? { fileSystemConfiguration: r.fileSystemConfiguration } : {}),
    ...config,
  };
}
