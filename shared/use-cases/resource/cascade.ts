/**
 * What DeleteResource removes with a resource, composed from the parameter and file entities' reads: its input
 * and output parameters and files (items and guards), and its references out of the resource (the
 * `referencedBy` / `parameterReferences` entries it left on other resources of the tier).
 */
import type { TransactionPlan, VersionedPut } from '#shared/data/store.ts';
import { findResource, type ResourceItem } from '#shared/data/entities/resource.ts';
import { parameterKey, parameterKeyGuard, type ParameterBase, type ParameterKind } from '#shared/data/entities/parameter.ts';
import { inputParametersOfResource, type InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import { outputParametersOfResource } from '#shared/data/entities/output-parameter.ts';
import { fileKey, filesOfResource, mountPathGuard, type FileItem } from '#shared/data/entities/resource-file.ts';
import { referencedIds } from '#shared/domain/resources.ts';
import { blobs } from '#shared/blobs/index.ts';
import { logger } from '#shared/logger.ts';
import { targetPut, withoutReferrer } from '#shared/use-cases/resource/references.ts';

/** The resource's index has not caught up with its counters yet (an index is eventually consistent): read again. */
export class ChildrenBehind extends Error {
  override readonly name = 'ChildrenBehind';
  constructor() {
    super('the resource index is behind its counters');
  }
}

export type Child = { kind: ParameterKind; item: ParameterBase } | { kind: 'file'; item: FileItem };

export interface Cascade {
  resource: ResourceItem;
  children: Child[];
  /** Other resources the resource or its parameters point at, as read. */
  targets: Map<string, ResourceItem>;
}

export async function readCascade(r: ResourceItem): Promise<Cascade> {
  const [inputs, outputs, files] = await Promise.all([
    inputParametersOfResource(r.serviceId, r.resourceId),
    outputParametersOfResource(r.serviceId, r.resourceId),
    filesOfResource(r.serviceId, r.resourceId),
  ]);
  if (inputs.length !== (r.inputParameterCount ?? 0) || outputs.length !== (r.outputParameterCount ?? 0) || files.length !== (r.fileCount ?? 0)) {
    throw new ChildrenBehind();
  }
  const ids = new Set([...referencedIds(r), ...inputs.flatMap((p) => (p.dependentResourceId ? [p.dependentResourceId] : []))]);
  ids.delete(r.resourceId);
  const found = await Promise.all([...ids].map((id) => findResource(r.serviceId, id)));
  return {
    resource: r,
    children: [
      ...inputs.map((item) => ({ kind: 'input' as const, item })),
      ...outputs.map((item) => ({ kind: 'output' as const, item })),
      ...files.map((item) => ({ kind: 'file' as const, item })),
    ],
    targets: new Map(found.filter((t) => t !== undefined).map((t) => [t.resourceId, t])),
  };
}

/**
 * The plan removing `children` (and, with `outgoing`, the resource's own references) and the blobs to drop
 * once it committed. Every removal is conditional on the version read.
 */
export function cascadePlan(c: Cascade, children: Child[], outgoing: boolean): { plan: Required<Pick<TransactionPlan, 'deletes' | 'guardsRemove' | 'puts'>>; blobKeys: string[] } {
  const { serviceId, resourceId } = c.resource;
  const changed = new Map<string, ResourceItem>();
  const edit = (id: string, f: (t: ResourceItem) => ResourceItem) => {
    const t = changed.get(id) ?? c.targets.get(id);
    if (t) changed.set(id, f(t));
  };
  if (outgoing) for (const id of referencedIds(c.resource)) edit(id, (t) => withoutReferrer(t, resourceId));
  const deletes: TransactionPlan['deletes'] & object = [];
  const guardsRemove: TransactionPlan['guardsRemove'] & object = [];
  const blobKeys: string[] = [];
  for (const child of children) {
    if (child.kind === 'file') {
      deletes.push({ key: fileKey(serviceId, child.item.fileId), version: child.item.version });
      guardsRemove.push(mountPathGuard(serviceId, resourceId, child.item.mountPath, child.item.fileId).key);
      blobKeys.push(child.item.blobKey);
      continue;
    }
    const p = child.item;
    deletes.push({ key: parameterKey(child.kind, serviceId, p.parameterId), version: p.version });
    guardsRemove.push(parameterKeyGuard(child.kind, serviceId, resourceId, p.key, p.parameterId).key);
    const target = child.kind === 'input' ? (p as InputParameterItem).dependentResourceId : undefined;
    if (target) edit(target, (t) => ({ ...t, parameterReferences: withoutKey(t.parameterReferences, p.parameterId) }));
  }
  const puts: VersionedPut[] = [...changed.entries()].map(([id, next]) => targetPut(c.targets.get(id)!, next));
  return { plan: { deletes, guardsRemove, puts }, blobKeys };
}

export function withoutKey(map: Record<string, string> | undefined, key: string): Record<string, string> {
  const { [key]: _gone, ...rest } = map ?? {};
  return rest;
}

/** Removes blobs no item points at any more; a failure only leaves garbage, never breaks a read. */
export async function dropBlobs(keys: string[]): Promise<void> {
  await Promise.all(
    keys.map(async (key) => {
      try {
        await blobs().delete(key);
      } catch (e) {
        logger.warn('could not remove an unused blob', { key, error: String(e) });
      }
    }),
  );
}
