/**
 * A resource of a product tier: `RES#<id>` in its service's partition, listed under its tier on gsi1
 * (`SVC#<sid>#TIER#<tierId>#RES`, by creation time). One item carries the whole definition, so a describe is
 * one GetItem.
 *
 * Bookkeeping kept on the item (never shown by describe):
 * - `referencedBy`: ids of resources of the tier that point at this one (dependency or load-balancer
 *   target), and `parameterReferences`: input parameters of other resources whose `dependentResourceId` is
 *   this one (parameterId → owning resourceId). Written in the same transaction as the reference, so
 *   DeleteResource decides from one consistent read.
 * - `inputParameterCount`, `outputParameterCount`, `fileCount`: children counters (`counters` of the plan),
 *   bounded by the per-resource limits below.
 * The tier carries `resourceCount`, bounded by MAX_RESOURCES_PER_TIER.
 *
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, type Guard, type Key, type Stored, type Touch } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';

/** Resources of one product tier (enforced at create through the tier's `resourceCount`). */
export const MAX_RESOURCES_PER_TIER = 5000;

export interface Dependency {
  resourceId: string;
  parameterMap?: Record<string, string>;
}

export interface ActionHookValue {
  scope: string;
  type: string;
  commandTemplate: string;
  customCommand?: string[];
  customImage?: string;
}

export interface CapabilityValue {
  capability: string;
  configuration: Record<string, unknown>;
}

export interface EnvVar {
  key: string;
  value: string;
}

/**
 * How a container resource runs, as a compose spec describes it (image, command, ports, volumes with their
 * storage, compute): kept with the definition for deployments; not part of the describe view, which the
 * contract fixes.
 */
export interface ContainerSpec {
  /** Absent for helm, operator, kustomize and terraform units (their source is their configuration). */
  image?: string;
  command?: string[];
  entrypoint?: string[];
  ports: { target: number; published?: number; protocol: string }[];
  volumes: { type: string; source?: string; target: string; readOnly?: boolean; storage?: Record<string, unknown> }[];
  compute?: Record<string, unknown>;
  deployResources?: Record<string, unknown>;
  platform?: string;
}

export interface ResourceItem extends Stored, ResourceConfiguration {
  entity: 'resource';
  orgId: string;
  serviceId: string;
  environmentId: string;
  serviceApiId: string;
  serviceModelId: string;
  productTierId: string;
  resourceId: string;
  name: string;
  key: string;
  description: string;
  resourceType: string;
  proxyType?: string;
  internal: boolean;
  isProxy: boolean;
  isDeprecated: boolean;
  dependencies: Dependency[];
  actionHooks: ActionHookValue[];
  capabilities: CapabilityValue[];
  environmentVariables: EnvVar[];
  metricsConfig?: { metricEndpoint: string };
  /** Written by the builds from a compose spec. */
  container?: ContainerSpec;
  blobStorageConfiguration?: { GCSConfiguration?: Record<string, unknown>; S3Configuration?: Record<string, unknown> };
  fileSystemConfiguration?: { EFSFileSystemConfiguration?: { PerformanceMode: string; ThroughputMode: string; ProvisionedThroughputInMibps?: number } };
  /** Resources of the tier that depend on or route to this one. */
  referencedBy?: string[];
  /** Input parameters of other resources pointing here: parameterId → their resourceId. */
  parameterReferences?: Record<string, string>;
  inputParameterCount?: number;
  outputParameterCount?: number;
  fileCount?: number;
  gsi1pk: string;
  gsi1sk: string;
}

/** A resource of the caller's org, or 404. */
export async function getResource(orgId: string, serviceId: string, id: string): Promise<ResourceItem> {
  const item = await findResource(serviceId, id);
  if (!item || item.orgId !== orgId) throw new NotFound('resource');
  return item;
}

/** A resource by id (consistent read), or undefined; tenancy is the caller's to check. */
export async function findResource(serviceId: string, id: string): Promise<ResourceItem | undefined> {
  const item = await getItem<ResourceItem>(keys.resource(serviceId, id));
  return item && item.entity === 'resource' ? item : undefined;
}

/**
 * Every resource of a tier in creation order: a Query on the tier's gsi1 partition, following every page.
 * An index read is eventually consistent: for answers, never to decide a write.
 */
export function resourcesOfTier(serviceId: string, productTierId: string): Promise<ResourceItem[]> {
  return queryAll<ResourceItem>(keys.resourcesOfTier(serviceId, productTierId));
}

/**
 * The resources reachable from `start` along dependencies (start included), read consistently level by level:
 * what a cycle check needs, and nothing more of the tier.
 */
export async function reachableResources(serviceId: string, start: string[]): Promise<Map<string, ResourceItem>> {
  const found = new Map<string, ResourceItem>();
  let frontier = [...new Set(start)];
  while (frontier.length) {
    const items = await Promise.all(frontier.map((id) => findResource(serviceId, id)));
    const next = new Set<string>();
    for (const item of items) {
      if (!item || found.has(item.resourceId)) continue;
      found.set(item.resourceId, item);
      for (const d of item.dependencies) if (!found.has(d.resourceId)) next.add(d.resourceId);
    }
    frontier = [...next];
  }
  return found;
}

/** The parent touch of a child of the resource. */
export function resourceTouch(orgId: string, serviceId: string, resourceId: string): Touch {
  return { key: keys.resource(serviceId, resourceId), orgId, entity: 'resource' };
}

export const resourceKey = (serviceId: string, resourceId: string): Key => keys.resource(serviceId, resourceId);

export function resourceListing(serviceId: string, productTierId: string, createdAt: string, resourceId: string) {
  return keys.resourceListing(serviceId, productTierId, createdAt, resourceId);
}

export function resourceNameGuard(serviceId: string, productTierId: string, name: string, resourceId: string): Guard {
  return {
    key: keys.resourceNameGuard(serviceId, productTierId, name),
    conflict: `a resource named "${name.trim()}" already exists in this product tier`,
    attributes: { resourceId },
  };
}

export const resourceKeyTaken = (key: string) => `resource key "${key}" is already used in this product tier`;

/** The key guard carries the resource id and the key itself (`value`), so instance paths can resolve keys. */
export function resourceKeyGuard(serviceId: string, productTierId: string, key: string, resourceId: string): Guard {
  return { key: keys.resourceKeyGuard(serviceId, productTierId, key), conflict: resourceKeyTaken(key), attributes: { resourceId, value: key } };
}

/** Keys already taken in the tier that start with `base` (one Query on the guard prefix). */
export async function resourceKeysStartingWith(serviceId: string, productTierId: string, base: string): Promise<Set<string>> {
  const guards = await queryAll<{ value?: string }>(keys.resourceKeyGuardsStartingWith(serviceId, productTierId, base));
  return new Set(guards.map((g) => g.value ?? ''));
}

/** The tier's resource counter: one more (at most MAX_RESOURCES_PER_TIER) or one fewer. */
export function tierResourceCounter(orgId: string, serviceId: string, productTierId: string, by: 1 | -1) {
  return {
    key: keys.productTier(serviceId, productTierId),
    add: { resourceCount: by },
    entity: 'product tier',
    orgId,
    ...(by > 0
      ? { atMost: { max: MAX_RESOURCES_PER_TIER, failure: new Conflict(`a product tier holds at most ${MAX_RESOURCES_PER_TIER} resources`) } }
      : {}),
  };
}
