/**
 * The references between resources of a tier (dependencies, load-balancer targets, input parameters'
 * `dependentResourceId`), kept consistent without reading the tier:
 * - every referenced resource lists its referrers (`referencedBy`, `parameterReferences`), written in the same
 *   transaction as the reference by a put conditional on the version read — which is also what makes a
 *   concurrent delete of the target (conditional on the version it read) fail;
 * - a new dependency is checked for cycles on the resources reachable from it (consistent reads), and the
 *   write is conditional on every version the check relied on, so two racing additions cannot close a cycle.
 * A new resource cannot close a cycle (nothing depends on it yet), so a create reads only the named targets.
 */
import { advance, type TransactionPlan, type VersionedPut } from '#shared/data/store.ts';
import { findResource, reachableResources, resourceKey, type ResourceItem } from '#shared/data/entities/resource.ts';
import { BadRequest } from '#shared/errors.ts';
import { checkDependencies, graphOf } from '#shared/domain/dependencies.ts';
import { checkLoadBalancerSelf, referencedIds } from '#shared/domain/resources.ts';

type Owner = Pick<ResourceItem, 'serviceId' | 'productTierId' | 'orgId' | 'resourceId'>;

const sameTier = (owner: Owner, r: ResourceItem | undefined): r is ResourceItem =>
  r !== undefined && r.orgId === owner.orgId && r.productTierId === owner.productTierId;

/** Another resource of the owner's tier, read consistently; otherwise 400 with `message`. */
export async function tierTarget(owner: Owner, id: string, message: string): Promise<ResourceItem> {
  const r = await findResource(owner.serviceId, id);
  if (!sameTier(owner, r) || id === owner.resourceId) throw new BadRequest(message);
  return r;
}

/** A target's next state, written conditional on the version read. */
export function targetPut(target: ResourceItem, next: ResourceItem): VersionedPut {
  return { item: advance(target, next), expectVersion: target.version };
}

export const withReferrer = (t: ResourceItem, id: string): ResourceItem => ({ ...t, referencedBy: [...new Set([...(t.referencedBy ?? []), id])] });
export const withoutReferrer = (t: ResourceItem, id: string): ResourceItem => ({ ...t, referencedBy: (t.referencedBy ?? []).filter((r) => r !== id) });

/**
 * The plan parts of a write that changes what `next` points at (`before` is the stored state, undefined for a
 * create): a put on every newly (un)referenced resource, and a version check of every resource the cycle check
 * walked through. 400 for a self-reference, a target outside the tier, or a cycle.
 */
export async function referencePlan(before: ResourceItem | undefined, next: ResourceItem): Promise<Required<Pick<TransactionPlan, 'puts' | 'checks'>>> {
  if (next.dependencies.some((d) => d.resourceId === next.resourceId)) throw new BadRequest('a resource cannot depend on itself');
  checkLoadBalancerSelf(next);
  const old = new Set(before ? referencedIds(before) : []);
  const now = referencedIds(next);
  const added = now.filter((id) => !old.has(id));
  const removed = [...old].filter((id) => !now.includes(id));
  const oldDeps = new Set(before?.dependencies.map((d) => d.resourceId) ?? []);
  const newDeps = next.dependencies.map((d) => d.resourceId).filter((id) => !oldDeps.has(id));

  // Only a new edge of an existing resource can close a cycle: walk what the new targets reach.
  const reach = before && newDeps.length ? await reachableResources(next.serviceId, newDeps) : new Map<string, ResourceItem>();
  const read = async (id: string) => reach.get(id) ?? (await findResource(next.serviceId, id));
  const targets = new Map<string, ResourceItem>();
  for (const id of newDeps) {
    const t = await read(id);
    if (!sameTier(next, t)) throw new BadRequest(`resource ${id} is not a resource of the same product tier and service`);
    targets.set(id, t);
  }
  let relied: string[] = [];
  if (before && newDeps.length) {
    const nodes = [...reach.values()].filter((r) => sameTier(next, r) && r.resourceId !== next.resourceId);
    const graph = graphOf(nodes.map((r) => ({ id: r.resourceId, label: r.key, dependsOn: r.dependencies.map((d) => d.resourceId) })));
    const withSelf = new Map(graph).set(next.resourceId, { id: next.resourceId, label: next.key, dependsOn: [] });
    relied = checkDependencies(withSelf, next.resourceId, newDeps).relied;
  }
  for (const id of added) {
    if (targets.has(id)) continue;
    const t = await read(id);
    if (!sameTier(next, t)) throw new BadRequest(`load balancer target ${id} is not a resource of the same product tier`);
    targets.set(id, t);
  }
  const puts: VersionedPut[] = added.map((id) => targetPut(targets.get(id)!, withReferrer(targets.get(id)!, next.resourceId)));
  for (const id of removed) {
    const t = await findResource(next.serviceId, id);
    if (t) puts.push(targetPut(t, withoutReferrer(t, next.resourceId)));
  }
  const written = new Set([...added, ...removed, next.resourceId]);
  const checks = relied
    .filter((id) => !written.has(id) && reach.has(id))
    .map((id) => ({ key: resourceKey(next.serviceId, id), version: reach.get(id)!.version }));
  return { puts, checks };
}
