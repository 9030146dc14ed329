/**
 * Environment promotion copies a plan's released definition from one environment into the next. The copy
 * keeps every name and key and takes new ids; an entity that the target already holds under the same key
 * keeps the id it has there, so promoting again converges instead of piling up copies.
 *
 * `placeDefinition` is pure bookkeeping over a `TierDefinition`: it rewrites ids, parent ids, table keys and
 * the references between resources (dependencies, load-balancer targets, parameter → resource links) for the
 * target tier. Writing the result is the restore planner's job, the same one DiscardPendingChanges uses.
 */
import { keys } from '#shared/data/keys.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { resourceListing, type ResourceItem } from '#shared/data/entities/resource.ts';
import { parameterKey, parameterListing, type ParameterBase } from '#shared/data/entities/parameter.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import { fileKey, fileListing, type FileItem } from '#shared/data/entities/resource-file.ts';
import { ID_PREFIX, newId, newLowerId } from '#shared/domain/ids.ts';
import { TIER_DEFINITION_FIELDS } from '#shared/domain/product-tier.ts';
import type { ResourceDefinition, TierDefinition } from '#shared/use-cases/tier-definition.ts';

/** Where the copy goes: the target tier as it is now (its item and current definition, when it exists). */
export interface Placement {
  /** The target tier item (already created, with its own ids, name and key). */
  tier: ProductTierItem;
  /** The target tier's current definition, whose ids are reused by key; empty for a new tier. */
  current: ResourceDefinition[];
}

function pick<T extends object, K extends keyof T>(item: T, fields: readonly K[]): Pick<T, K> {
  return Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as Pick<T, K>;
}

type Ids = { resource: Map<string, string>; input: Map<string, string>; output: Map<string, string>; file: Map<string, string> };

/** The source definition, placed in the target tier: same names and keys, the target's ids. */
export function placeDefinition(source: TierDefinition, target: Placement): TierDefinition {
  return placed(source, target).definition;
}

/** A released version placed in the target tier, with its kept file bytes under the placed file ids. */
export function placeRelease(
  release: { definition: TierDefinition; fileBlobs: Record<string, string> },
  target: Placement,
): { definition: TierDefinition; fileBlobs: Record<string, string> } {
  const { definition, ids } = placed(release.definition, target);
  const fileBlobs = Object.fromEntries(Object.entries(release.fileBlobs).map(([fileId, blob]) => [mapId(ids.file, fileId), blob]));
  return { definition, fileBlobs };
}

function placed(source: TierDefinition, target: Placement): { definition: TierDefinition; ids: Ids } {
  const ids = idMap(source, target);
  const t = target.tier;
  // Only the plan's definition travels; the target keeps its ids and its own bookkeeping (counters, release marks).
  const tier: ProductTierItem = { ...t };
  for (const f of TIER_DEFINITION_FIELDS) {
    if (source.tier[f] === undefined) delete tier[f];
    else (tier as unknown as Record<string, unknown>)[f] = source.tier[f];
  }
  const resources = source.resources.map((def) => placeResource(def, t, ids));
  return { definition: { tier, resources }, ids };
}

function idMap(source: TierDefinition, target: Placement): Ids {
  const byKey = new Map(target.current.map((d) => [d.resource.key, d]));
  const ids: Ids = { resource: new Map(), input: new Map(), output: new Map(), file: new Map() };
  for (const def of source.resources) {
    const existing = byKey.get(def.resource.key);
    ids.resource.set(def.resource.resourceId, existing?.resource.resourceId ?? newLowerId(ID_PREFIX.resource));
    const reuse = <T extends { parameterId: string; key: string }>(from: T[], into: T[] | undefined, map: Map<string, string>, prefix: string) => {
      const there = new Map((into ?? []).map((p) => [p.key, p.parameterId]));
      for (const p of from) map.set(p.parameterId, there.get(p.key) ?? newId(prefix));
    };
    reuse(def.inputParameters, existing?.inputParameters, ids.input, ID_PREFIX.inputParameter);
    reuse(def.outputParameters, existing?.outputParameters, ids.output, ID_PREFIX.outputParameter);
    const files = new Map((existing?.files ?? []).map((f) => [f.mountPath, f.fileId]));
    for (const f of def.files) ids.file.set(f.fileId, files.get(f.mountPath) ?? newId(ID_PREFIX.file));
  }
  return ids;
}

const mapId = (ids: Map<string, string>, id: string) => ids.get(id) ?? id;

function placeResource(def: ResourceDefinition, tier: ProductTierItem, ids: Ids): ResourceDefinition {
  const r = def.resource;
  const resourceId = mapId(ids.resource, r.resourceId);
  const parents = {
    orgId: tier.orgId,
    serviceId: tier.serviceId,
    environmentId: tier.environmentId,
    serviceApiId: tier.serviceApiId,
    serviceModelId: tier.serviceModelId,
    productTierId: tier.productTierId,
  };
  const resource: ResourceItem = {
    ...r,
    ...parents,
    ...keys.resource(tier.serviceId, resourceId),
    ...resourceListing(tier.serviceId, tier.productTierId, r.createdAt, resourceId),
    resourceId,
    dependencies: r.dependencies.map((d) => ({ ...d, resourceId: mapId(ids.resource, d.resourceId) })),
    ...(r.referencedBy ? { referencedBy: r.referencedBy.map((id) => mapId(ids.resource, id)) } : {}),
    ...(r.parameterReferences
      ? { parameterReferences: Object.fromEntries(Object.entries(r.parameterReferences).map(([p, owner]) => [mapId(ids.input, p), mapId(ids.resource, owner)])) }
      : {}),
    ...(r.l4LoadBalancerConfiguration
      ? {
          l4LoadBalancerConfiguration: {
            ...r.l4LoadBalancerConfiguration,
            ingressPortConfiguration: r.l4LoadBalancerConfiguration.ingressPortConfiguration?.map((p) => ({
              ...p,
              associatedResourceIDs: p.associatedResourceIDs.map((id) => mapId(ids.resource, id)),
            })),
          },
        }
      : {}),
    ...(r.l7LoadBalancerConfiguration
      ? {
          l7LoadBalancerConfiguration: {
            ...r.l7LoadBalancerConfiguration,
            paths: r.l7LoadBalancerConfiguration.paths?.map((p) => ({ ...p, associatedResourceID: mapId(ids.resource, p.associatedResourceID) })),
          },
        }
      : {}),
  };
  const placeParameter = <T extends ParameterBase>(p: T, kind: 'input' | 'output', map: Map<string, string>): T => {
    const parameterId = mapId(map, p.parameterId);
    return {
      ...p,
      orgId: tier.orgId,
      serviceId: tier.serviceId,
      productTierId: tier.productTierId,
      resourceId,
      parameterId,
      ...parameterKey(kind, tier.serviceId, parameterId),
      ...parameterListing(kind, tier.serviceId, resourceId, p.createdAt, parameterId),
    };
  };
  const inputParameters = def.inputParameters.map((p): InputParameterItem => {
    const placed = placeParameter(p, 'input', ids.input);
    return p.dependentResourceId ? { ...placed, dependentResourceId: mapId(ids.resource, p.dependentResourceId) } : placed;
  });
  const outputParameters = def.outputParameters.map((p): OutputParameterItem => placeParameter(p, 'output', ids.output));
  const files = def.files.map((f): FileItem => {
    const fileId = mapId(ids.file, f.fileId);
    return {
      ...f,
      orgId: tier.orgId,
      serviceId: tier.serviceId,
      productTierId: tier.productTierId,
      resourceId,
      fileId,
      ...fileKey(tier.serviceId, fileId),
      ...fileListing(tier.serviceId, resourceId, f.createdAt, fileId),
    };
  });
  return { resource, inputParameters, outputParameters, files };
}

/**
 * Bookkeeping that differs between two copies of the same definition: write counts, times of the last write,
 * and children counters (absent on an item that never had a child, 0 on a copy).
 */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'inputParameterCount', 'outputParameterCount', 'fileCount', 'resourceCount']);

function comparable(def: TierDefinition): string {
  const strip = (item: object) => Object.fromEntries(Object.entries(item).filter(([k, v]) => !BOOKKEEPING.has(k) && v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  const byKey = <T extends { key: string }>(xs: T[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key));
  return JSON.stringify({
    tier: strip(pick(def.tier, TIER_DEFINITION_FIELDS)),
    resources: [...def.resources]
      .sort((a, b) => a.resource.key.localeCompare(b.resource.key))
      .map((d) => ({
        resource: strip(d.resource),
        inputParameters: byKey(d.inputParameters).map(strip),
        outputParameters: byKey(d.outputParameters).map(strip),
        files: [...d.files].sort((a, b) => a.mountPath.localeCompare(b.mountPath)).map(({ blobKey: _b, ...f }) => strip(f)),
      })),
  });
}

/**
 * Whether the target tier's definition is the source's, placed: equal in everything but ids (reused by key),
 * write counts and times. File bytes live under each copy's own blob key, so files compare by metadata.
 */
export function holdsSameDefinition(source: TierDefinition, target: TierDefinition): boolean {
  const placed = placeDefinition(source, { tier: target.tier, current: target.resources });
  return comparable(placed) === comparable(target);
}
