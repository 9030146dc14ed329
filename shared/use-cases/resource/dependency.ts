/** Dependency use cases: AddResourceDependency, RemoveResourceDependency, ListDependentResource. */
import type { z } from 'zod';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { getResource, resourcesOfTier } from '#shared/data/entities/resource.ts';
import { dependentsOf, graphOf } from '#shared/domain/dependencies.ts';
import { withDependency, withoutDependency } from '#shared/domain/resources.ts';
import type { ListDependentResourcesResult } from '#shared/schemas/resource.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { resourceChange } from '#shared/use-cases/resource/change.ts';
import { referencePlan } from '#shared/use-cases/resource/references.ts';

/** Adding it again replaces its parameter map; 400 for a cycle or a target outside the tier. */
export async function addResourceDependency(
  caller: Caller,
  serviceId: string,
  id: string,
  dependencyId: string,
  parameterMap: Record<string, string> | undefined,
): Promise<void> {
  await withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const edited = withDependency(current, dependencyId, parameterMap);
    if (!edited) return;
    const next = advance(current, edited);
    const refs = await referencePlan(current, next);
    await commit({
      puts: [{ item: next, expectVersion: current.version }, ...refs.puts],
      checks: refs.checks,
      appends: [resourceChange(caller, next, 'UPDATE', 'dependency')],
    });
  });
}

/** 404 `resource dependency` when there is none. */
export async function removeResourceDependency(caller: Caller, serviceId: string, id: string, dependencyId: string): Promise<void> {
  await withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const next = advance(current, withoutDependency(current, dependencyId));
    const refs = await referencePlan(current, next);
    await commit({
      puts: [{ item: next, expectVersion: current.version }, ...refs.puts],
      checks: refs.checks,
      appends: [resourceChange(caller, next, 'UPDATE', 'dependency')],
    });
  });
}

/** Resources of the tier that depend on this one, in creation order (a read of the tier's index). */
export async function listDependentResource(caller: Caller, serviceId: string, id: string): Promise<z.input<typeof ListDependentResourcesResult>> {
  const resource = await getResource(caller.orgId, serviceId, id);
  const tier = await resourcesOfTier(serviceId, resource.productTierId);
  const graph = graphOf(tier.map((r) => ({ id: r.resourceId, label: r.key, dependsOn: r.dependencies.map((d) => d.resourceId) })));
  return { id, serviceId, ids: dependentsOf(graph, id) };
}
