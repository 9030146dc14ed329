/**
 * The second half of a build: the tier's resources, their input parameters and files brought to what the
 * spec says, each difference written by the same use cases and builders the single-item operations use
 * (createResource, referencePlan, createInputParameter, addFile, …), one commit per change, nothing written
 * where nothing differs. Resources go in dependency order (a resource after what it depends on or routes
 * to), so a build that stops midway leaves resources whose references exist, and a rebuild of the same spec
 * carries on from there. Resources of the tier that the spec does not name are left alone.
 */
import { advance, commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { getResource, resourceNameGuard } from '#shared/data/entities/resource.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { FileItem } from '#shared/data/entities/resource-file.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { InvalidState } from '#shared/errors.ts';
import { referencedIds, resolveResourceType } from '#shared/domain/resources.ts';
import {
  parameterFields,
  parameterStep,
  resourceSpecFields,
  resourceWithSpec,
  type DesiredFile,
  type DesiredInputParameter,
  type DesiredResource,
} from '#shared/domain/build.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { ResourceDefinition } from '#shared/use-cases/tier-definition.ts';
import { createResource } from '#shared/use-cases/resource/resource.ts';
import { resourceChange } from '#shared/use-cases/resource/change.ts';
import { referencePlan } from '#shared/use-cases/resource/references.ts';
import { createInputParameter, deleteInputParameter, updateInputParameter } from '#shared/use-cases/input-parameter.ts';
import { addFile, getFile, removeFile, updateFileContent, updateFileMetadata } from '#shared/use-cases/resource/file.ts';

/** The resource type a desired resource has (load balancers say; configuration blocks imply; else Generic). */
const typeOf = (r: DesiredResource) => resolveResourceType({ ...r.configuration, ...(r.resourceType ? { resourceType: r.resourceType } : {}) }).resourceType;

/** A new resource with everything the spec gives it, in one commit (one NEW change record). */
async function createBuiltResource(caller: Caller, tier: ProductTierItem, r: DesiredResource, idOf: (key: string) => string): Promise<string> {
  const fields = resourceSpecFields(r, idOf);
  return createResource(caller, tier.serviceId, {
    ...fields,
    name: r.name,
    description: r.description,
    productTierId: tier.productTierId,
    key: r.key,
    ...(r.resourceType ? { resourceType: r.resourceType } : {}),
    internal: r.internal,
    resourceDependencies: fields.dependencies,
    actionHooks: r.actionHooks,
    capabilities: r.capabilities,
    ...(r.container ? { container: r.container } : {}),
  });
}

/**
 * The resource brought to the spec, conditional on the version read: the fields a build owns replaced, a
 * rename moving the name guard, changed references written to their targets (cycle-checked); nothing when
 * nothing differs. A resource whose type the spec would change is refused (types never change).
 */
async function updateBuiltResource(caller: Caller, serviceId: string, resourceId: string, r: DesiredResource, idOf: (key: string) => string): Promise<void> {
  await withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, resourceId);
    const wanted = typeOf(r);
    if (wanted !== current.resourceType) {
      throw new InvalidState(`resource ${current.key} is a ${current.resourceType} resource; the spec makes it ${wanted}, and a resource's type cannot change`);
    }
    const edited = resourceWithSpec(current, r, idOf);
    if (!edited) return;
    const next = advance(current, edited);
    const plan: TransactionPlan = {};
    if (next.name.toLowerCase() !== current.name.toLowerCase()) {
      plan.guardsAdd = [{ guard: resourceNameGuard(serviceId, current.productTierId, next.name, resourceId), owner: current }];
      plan.guardsRemove = [resourceNameGuard(serviceId, current.productTierId, current.name, resourceId).key];
    }
    const moved = JSON.stringify(referencedIds(current)) !== JSON.stringify(referencedIds(next)) || JSON.stringify(current.dependencies) !== JSON.stringify(next.dependencies);
    const refs = moved ? await referencePlan(current, next) : { puts: [], checks: [] };
    await commit({
      ...plan,
      puts: [{ item: next, expectVersion: current.version }, ...refs.puts],
      checks: refs.checks,
      appends: [resourceChange(caller, next, 'UPDATE', 'build')],
    });
  });
}

/** The resource's input parameters brought to the spec's: created, updated, replaced (new type) or removed. */
async function syncParameters(caller: Caller, serviceId: string, resourceId: string, current: InputParameterItem[], desired: DesiredInputParameter[]): Promise<void> {
  const byKey = new Map(current.map((p) => [p.key, p]));
  const wanted = new Set(desired.map((p) => p.key));
  for (const p of current) if (!wanted.has(p.key)) await deleteInputParameter(caller, serviceId, p.parameterId);
  for (const p of desired) {
    const cur = byKey.get(p.key);
    const step = cur ? parameterStep(cur, p) : 'create';
    if (step === 'keep') continue;
    if (step === 'update') {
      await updateInputParameter(caller, serviceId, cur!.parameterId, parameterFields(p));
      continue;
    }
    if (step === 'replace') await deleteInputParameter(caller, serviceId, cur!.parameterId);
    await createInputParameter(caller, serviceId, { resourceId, ...p });
  }
}

/** Files a build manages (configs and secrets); other files of the resource are left alone. */
const BUILT_FILE_TYPES = new Set(['config', 'secret']);

/** The resource's config and secret files brought to the spec's, compared by mount path, name and bytes. */
async function syncFiles(caller: Caller, serviceId: string, resourceId: string, current: FileItem[], desired: DesiredFile[]): Promise<void> {
  const byPath = new Map(current.map((f) => [f.mountPath, f]));
  const wanted = new Set(desired.map((f) => f.mountPath));
  for (const f of current) if (BUILT_FILE_TYPES.has(f.type) && !wanted.has(f.mountPath)) await removeFile(caller, serviceId, resourceId, f.fileId);
  for (const f of desired) {
    const cur = byPath.get(f.mountPath);
    if (cur && cur.type !== f.type) await removeFile(caller, serviceId, resourceId, cur.fileId);
    if (!cur || cur.type !== f.type) {
      await addFile(caller, serviceId, resourceId, { name: f.name, description: '', type: f.type, mountPath: f.mountPath }, { body: f.content, contentType: 'application/octet-stream' });
      continue;
    }
    if (cur.name !== f.name) await updateFileMetadata(caller, serviceId, resourceId, cur.fileId, { name: f.name });
    const stored = await getFile(caller, serviceId, resourceId, cur.fileId);
    if (!stored.body.equals(f.content)) await updateFileContent(caller, serviceId, resourceId, cur.fileId, { body: f.content });
  }
}

/**
 * Brings the tier's definition to `desired` (ordered: dependencies first). `current` is the tier's
 * definition as read before the build; the answer maps every resource key of the spec to its id.
 */
export async function syncDefinition(
  caller: Caller,
  tier: ProductTierItem,
  current: ResourceDefinition[],
  desired: DesiredResource[],
): Promise<Map<string, string>> {
  const byKey = new Map(current.map((d) => [d.resource.key, d]));
  const ids = new Map(current.map((d) => [d.resource.key, d.resource.resourceId]));
  const idOf = (key: string) => {
    const id = ids.get(key);
    // The order puts every target first; a missing one is a bug in the order, not the caller's doing.
    if (!id) throw new Error(`resource ${key} is referenced before it exists`);
    return id;
  };
  for (const r of desired) {
    const cur = byKey.get(r.key);
    let id: string;
    if (cur) {
      id = cur.resource.resourceId;
      await updateBuiltResource(caller, tier.serviceId, id, r, idOf);
    } else {
      id = await createBuiltResource(caller, tier, r, idOf);
      ids.set(r.key, id);
    }
    await syncParameters(caller, tier.serviceId, id, cur?.inputParameters ?? [], r.inputParameters);
    await syncFiles(caller, tier.serviceId, id, cur?.files ?? [], r.files);
  }
  return ids;
}

/** Resources of the tier the spec does not name: left alone, reported by name. */
export function undefinedResources(current: ResourceDefinition[], desired: DesiredResource[]): Record<string, string> {
  const named = new Set(desired.map((r) => r.key));
  return Object.fromEntries(
    current.filter((d) => !named.has(d.resource.key)).map((d): [string, string] => [d.resource.name, d.resource.resourceId]),
  );
}
