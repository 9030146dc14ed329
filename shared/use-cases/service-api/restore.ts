/**
 * The restore planner of DiscardPendingChanges (not an operation): from the released definition, the current
 * one and the guards that exist, the steps that put every item of the tier back as it was released, with the
 * same ids; and the cutting of those steps into transactions.
 *
 * What a restore writes, each conditional on what was read:
 * - items (resources, parameters, file metadata) deleted since the release are re-created (must not exist),
 *   items added since are deleted (conditional on their version), changed ones are put back (conditional on
 *   their version) — bookkeeping included (`referencedBy`, `parameterReferences`), so the references between
 *   resources are the released ones again;
 * - the counters (`resourceCount` on the tier, `inputParameterCount`/`outputParameterCount`/`fileCount` on
 *   resources) are set to what exists once the transaction committed: folded into a put of the counted item
 *   in the same transaction, or as a counter of the net change;
 * - uniqueness guards: each guard the released definition needs is added, or handed over from its current
 *   holder (`guardsMove`, conditional on the holder read), and guards nobody needs any more are removed;
 * - file bytes: a restored file whose content changed, or a re-created one, gets a fresh copy of the released
 *   bytes (the release keeps its own copy, which nothing here will ever drop); the bytes it replaces are
 *   dropped after the commit;
 * - the tier's own fields last, with `releasedChangeMark` moved: nothing is pending any more.
 * Steps are ordered (children removed, resources removed, resources put, children put, the tier), and a cut
 * after any step leaves every counter exact, so a restore too big for one transaction commits step by step.
 */
import { guardHolder, type Guard, type Key, type TransactionPlan, type VersionedPut } from '#shared/data/store.ts';
import { resourceKey, resourceKeyGuard, resourceNameGuard, tierResourceCounter, type ResourceItem } from '#shared/data/entities/resource.ts';
import { parameterCounter, parameterKey, parameterKeyGuard, type ParameterBase, type ParameterKind } from '#shared/data/entities/parameter.ts';
import { fileCounter, fileKey, mountPathGuard, newBlobKey, type FileItem } from '#shared/data/entities/resource-file.ts';
import { productTierKey, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { TIER_DEFINITION_FIELDS } from '#shared/domain/product-tier.ts';
import { serviceTouch } from '#shared/data/entities/service.ts';
import type { GuardItem } from '#shared/data/entities/definition-guard.ts';
import { releaseStateOf, withReleasedChangeMark } from '#shared/data/entities/tier-version-set.ts';
import { commit, MAX_TRANSACTION_ITEMS, withRetry } from '#shared/data/store.ts';
import { Conflict, InvalidState } from '#shared/errors.ts';
import { blobs } from '#shared/blobs/index.ts';
import { childGuardsOfResource, resourceGuardsOfTier } from '#shared/data/entities/definition-guard.ts';
import { dropBlobs } from '#shared/use-cases/resource/cascade.ts';
import { loadTierDefinition, type ResourceDefinition, type TierDefinition } from '#shared/use-cases/tier-definition.ts';

type ChildKind = ParameterKind | 'file';
const COUNTER: Record<ChildKind, 'inputParameterCount' | 'outputParameterCount' | 'fileCount'> = {
  input: 'inputParameterCount',
  output: 'outputParameterCount',
  file: 'fileCount',
};

export interface RestoreStep {
  /** 0 children removed, 1 resources removed, 2 resources put, 3 children put, 4 the tier. */
  phase: number;
  kind: 'delete' | 'put' | 'create' | 'guards' | 'tier';
  /** The item written (its guard holder tag), when the step writes one. */
  tag?: string;
  /** A resource step: its id. A child step: its resource and kind (the counter it moves). */
  resourceId?: string;
  child?: ChildKind;
  /** The item to put (create or restore) and the version read (absent: must not exist). */
  put?: VersionedPut;
  delete?: { key: Key; version: number };
  guardsAdd: { guard: Guard; owner: Key }[];
  guardsRemove: Key[];
  guardsMove: { guard: Guard; owner: Key; heldBy: string }[];
  /** A file whose bytes are copied from the released blob into `put.item.blobKey` before the commit. */
  copyFrom?: string;
  /** A blob nothing points at once the step committed. */
  drop?: string;
}

/** A stored item without what every write moves. */
const strip = (item: object, ...more: string[]) => {
  const out: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const f of ['version', 'updatedAt', ...more]) delete out[f];
  return JSON.stringify(Object.keys(out).sort().map((k) => [k, out[k]]));
};

const differs = (a: object, b: object, ...more: string[]) => strip(a, ...more) !== strip(b, ...more);

const now = () => new Date().toISOString();

function step(phase: number, kind: RestoreStep['kind'], rest: Partial<RestoreStep>): RestoreStep {
  return { phase, kind, guardsAdd: [], guardsRemove: [], guardsMove: [], ...rest };
}

interface ChildOf {
  kind: ChildKind;
  id: string;
  key: Key;
  item: ParameterBase | FileItem;
}

function childrenOf(d: ResourceDefinition): ChildOf[] {
  const sid = d.resource.serviceId;
  return [
    ...d.inputParameters.map((p) => ({ kind: 'input' as const, id: p.parameterId, key: parameterKey('input', sid, p.parameterId), item: p })),
    ...d.outputParameters.map((p) => ({ kind: 'output' as const, id: p.parameterId, key: parameterKey('output', sid, p.parameterId), item: p })),
    ...d.files.map((f) => ({ kind: 'file' as const, id: f.fileId, key: fileKey(sid, f.fileId), item: f })),
  ];
}

/** The guards a released resource and its children need, with their owners. */
function neededGuards(d: ResourceDefinition, withChildren: boolean): { guard: Guard; owner: Key }[] {
  const r = d.resource;
  const owner = resourceKey(r.serviceId, r.resourceId);
  const out = [
    { guard: resourceNameGuard(r.serviceId, r.productTierId, r.name, r.resourceId), owner },
    { guard: resourceKeyGuard(r.serviceId, r.productTierId, r.key, r.resourceId), owner },
  ];
  if (!withChildren) return out;
  for (const c of childrenOf(d)) {
    const guard =
      c.kind === 'file'
        ? mountPathGuard(r.serviceId, r.resourceId, (c.item as FileItem).mountPath, c.id)
        : parameterKeyGuard(c.kind, r.serviceId, r.resourceId, (c.item as ParameterBase).key, c.id);
    out.push({ guard, owner: c.key });
  }
  return out;
}

/** Child steps of one resource: removed, re-created and restored parameters and files. */
function childSteps(resourceId: string, released: ChildOf[], current: ChildOf[], fileBlobs: Record<string, string> = {}): RestoreStep[] {
  const steps: RestoreStep[] = [];
  const was = new Map(released.map((c) => [c.id, c]));
  const is = new Map(current.map((c) => [c.id, c]));
  for (const c of current) {
    if (was.has(c.id)) continue;
    steps.push(
      step(0, 'delete', {
        tag: guardHolder(c.key),
        resourceId,
        child: c.kind,
        delete: { key: c.key, version: c.item.version },
        ...(c.kind === 'file' ? { drop: (c.item as FileItem).blobKey } : {}),
      }),
    );
  }
  for (const r of released) {
    const c = is.get(r.id);
    if (c && !differs(r.item, c.item, 'blobKey')) continue;
    const base = { ...r.item, version: (c?.item.version ?? r.item.version) + 1, updatedAt: now() } as ParameterBase | FileItem;
    const s = step(3, c ? 'put' : 'create', { tag: guardHolder(r.key), resourceId, child: r.kind });
    if (r.kind === 'file') {
      const rf = r.item as FileItem;
      const cf = c?.item as FileItem | undefined;
      // Same upload (metadata changed only): the current bytes are the released ones. Otherwise a fresh copy.
      const sameBytes = cf !== undefined && (cf.blobKey === rf.blobKey || (cf.uploadTime === rf.uploadTime && cf.size === rf.size));
      const blobKey = sameBytes ? cf.blobKey : newBlobKey(rf.serviceId, rf.fileId);
      (base as FileItem).blobKey = blobKey;
      // The release's own copy of the bytes; never the blob the released item named (it may be gone).
      if (!sameBytes) s.copyFrom = fileBlobs[rf.fileId] ?? rf.blobKey;
      if (cf && !sameBytes) s.drop = cf.blobKey;
    }
    s.put = { item: base, ...(c ? { expectVersion: c.item.version } : {}) };
    steps.push(s);
  }
  return steps;
}

export interface RestoreInput {
  released: TierDefinition;
  current: TierDefinition;
  /** The tier's resource name and key guards, and the child guards of every resource in `involved`. */
  guards: GuardItem[];
  /** Resources whose children are restored (their child guards were read). */
  involved: ReadonlySet<string>;
  /** fileId → the release's own copy of the file's bytes. */
  fileBlobs: Record<string, string>;
  /** The change mark to leave on the tier (the newest change record when the discard began). */
  mark: string;
}

/** Resources whose children (or existence) differ: the ones whose child guards a restore must read. */
export function involvedResources(released: TierDefinition, current: TierDefinition): Set<string> {
  const was = new Map(released.resources.map((d) => [d.resource.resourceId, d]));
  const is = new Map(current.resources.map((d) => [d.resource.resourceId, d]));
  const ids = new Set<string>();
  for (const id of new Set([...was.keys(), ...is.keys()])) {
    const r = was.get(id);
    const c = is.get(id);
    if (!r || !c) ids.add(id);
    else if (childSteps(id, childrenOf(r), childrenOf(c)).length) ids.add(id);
  }
  return ids;
}

/** Every step of the restore, in order; the tier step is always there (it moves the mark), and last. */
export function restoreSteps(input: RestoreInput): RestoreStep[] {
  const { released, current } = input;
  const was = new Map(released.resources.map((d) => [d.resource.resourceId, d]));
  const is = new Map(current.resources.map((d) => [d.resource.resourceId, d]));
  const steps: RestoreStep[] = [];
  for (const id of [...was.keys(), ...[...is.keys()].filter((k) => !was.has(k))]) {
    const r = was.get(id);
    const c = is.get(id);
    steps.push(...childSteps(id, r ? childrenOf(r) : [], c ? childrenOf(c) : [], input.fileBlobs));
    if (c && !r) {
      steps.push(step(1, 'delete', { tag: guardHolder(resourceKey(c.resource.serviceId, id)), resourceId: id, delete: { key: resourceKey(c.resource.serviceId, id), version: c.resource.version } }));
    } else if (r && (!c || differs(r.resource, c.resource, ...Object.values(COUNTER)))) {
      const item: ResourceItem = { ...r.resource, version: (c?.resource.version ?? r.resource.version) + 1, updatedAt: now() };
      steps.push(step(2, c ? 'put' : 'create', { tag: guardHolder(resourceKey(item.serviceId, id)), resourceId: id, put: { item, ...(c ? { expectVersion: c.resource.version } : {}) } }));
    }
  }
  const t = current.tier;
  const tier: Record<string, unknown> = { ...t };
  for (const f of TIER_DEFINITION_FIELDS) delete tier[f];
  for (const f of TIER_DEFINITION_FIELDS) if (released.tier[f] !== undefined) tier[f] = released.tier[f];
  tier.release = withReleasedChangeMark(releaseStateOf(t), input.mark);
  Object.assign(tier, { version: t.version + 1, updatedAt: now() });
  const tierStep = step(4, 'tier', { tag: guardHolder(productTierKey(t)), put: { item: tier as unknown as ProductTierItem, expectVersion: t.version } });

  attachGuards(input, steps);
  steps.push(tierStep);
  return steps.sort((a, b) => a.phase - b.phase);
}

/** Guard additions, hand-overs and removals, each attached to the step of the item that owns it then. */
function attachGuards(input: RestoreInput, steps: RestoreStep[]): void {
  const byTag = new Map(steps.filter((s) => s.tag).map((s) => [s.tag!, s]));
  const needed = new Map<string, { guard: Guard; owner: Key }>();
  for (const d of input.released.resources) {
    for (const g of neededGuards(d, input.involved.has(d.resource.resourceId))) needed.set(guardHolder(g.guard.key), g);
  }
  const existing = new Map(input.guards.map((g) => [guardHolder(g), g]));
  const loose = step(2, 'guards', {});
  const stepOf = (tag: string) => byTag.get(tag) ?? loose;
  for (const [k, want] of needed) {
    const have = existing.get(k);
    if (!have) {
      stepOf(guardHolder(want.owner)).guardsAdd.push(want);
      continue;
    }
    const sameAttributes = Object.entries(want.guard.attributes ?? {}).every(([a, v]) => have[a] === v);
    if (have.guardFor === guardHolder(want.owner) && sameAttributes) continue;
    stepOf(guardHolder(want.owner)).guardsMove.push({ ...want, heldBy: have.guardFor });
  }
  const looseRemovals = step(0, 'guards', {});
  for (const [k, have] of existing) {
    if (needed.has(k)) continue;
    (byTag.get(have.guardFor) ?? looseRemovals).guardsRemove.push({ pk: have.pk, sk: have.sk });
  }
  for (const s of [looseRemovals, loose]) if (s.guardsAdd.length + s.guardsMove.length + s.guardsRemove.length) steps.push(s);
}

export interface Chunk {
  plan: TransactionPlan;
  /** Blobs to copy before the commit: released bytes → the restored item's fresh key. */
  copies: { from: string; to: string; contentType: string }[];
  /** Blobs to drop once the commit succeeded. */
  drops: string[];
  /** The chunk holds the tier step: the restore is complete once it committed. */
  last: boolean;
  steps: number;
}

/**
 * The longest prefix of `steps` that fits one transaction (`maxItems`), as a plan: counters folded into the
 * puts of the counted items in the same chunk, or added as counters of the net change, so every count is
 * exact after the commit; a service touch so a concurrent DeleteService notices.
 */
export function nextChunk(steps: RestoreStep[], current: TierDefinition, orgId: string, maxItems: number): Chunk {
  let best: Chunk | undefined;
  for (let n = 1; n <= steps.length; n++) {
    const chunk = chunkOf(steps.slice(0, n), current, orgId, n === steps.length);
    const size = (['puts', 'deletes', 'counters', 'touches', 'guardsAdd', 'guardsRemove', 'guardsMove'] as const).reduce((m, k) => m + (chunk.plan[k]?.length ?? 0), 0);
    if (size > maxItems) break;
    best = chunk;
  }
  // A step is never split: one bigger than a transaction is left to commit, which refuses it with 409.
  return best ?? chunkOf(steps.slice(0, 1), current, orgId, steps.length === 1);
}

function chunkOf(steps: RestoreStep[], current: TierDefinition, orgId: string, all: boolean): Chunk {
  const t = current.tier;
  const counts = new Map(current.resources.map((d) => [d.resource.resourceId, d.resource]));
  const deltas = new Map<string, Record<string, number>>();
  let tierDelta = 0;
  const written = new Set<string>();
  for (const s of steps) {
    if (s.child && s.resourceId) {
      if (s.kind === 'put') continue;
      const d = deltas.get(s.resourceId) ?? {};
      d[COUNTER[s.child]] = (d[COUNTER[s.child]] ?? 0) + (s.kind === 'delete' ? -1 : 1);
      deltas.set(s.resourceId, d);
    } else if (s.resourceId && s.kind !== 'guards') {
      written.add(s.resourceId);
      if (s.kind === 'create') tierDelta += 1;
      if (s.kind === 'delete') tierDelta -= 1;
    }
  }
  const plan: Required<Pick<TransactionPlan, 'puts' | 'deletes' | 'counters' | 'touches' | 'guardsAdd' | 'guardsRemove' | 'guardsMove'>> = {
    puts: [],
    deletes: [],
    counters: [],
    touches: [serviceTouch(orgId, t.serviceId)],
    guardsAdd: [],
    guardsRemove: [],
    guardsMove: [],
  };
  const copies: Chunk['copies'] = [];
  const drops: string[] = [];
  let last = false;
  for (const s of steps) {
    if (s.put) {
      let item = s.put.item as Record<string, unknown>;
      if (s.kind === 'tier') {
        last = true;
        item = { ...item, resourceCount: (t as { resourceCount?: number }).resourceCount ?? current.resources.length };
        (item.resourceCount as number) += tierDelta;
        tierDelta = 0;
      } else if (!s.child && s.resourceId && s.phase === 2) {
        // A resource put carries its counters: what exists now, plus what this chunk adds or removes.
        const before = counts.get(s.resourceId);
        item = { ...item };
        for (const f of Object.values(COUNTER)) item[f] = (before?.[f] ?? 0) + (deltas.get(s.resourceId)?.[f] ?? 0);
      }
      plan.puts.push({ ...s.put, item: item as Key & object });
      if (s.copyFrom) copies.push({ from: s.copyFrom, to: (item as unknown as FileItem).blobKey, contentType: (item as unknown as FileItem).contentType });
    }
    if (s.delete) plan.deletes.push(s.delete);
    plan.guardsAdd.push(...s.guardsAdd);
    plan.guardsRemove.push(...s.guardsRemove);
    plan.guardsMove.push(...s.guardsMove);
    if (s.drop) drops.push(s.drop);
  }
  for (const [resourceId, d] of deltas) {
    if (written.has(resourceId)) continue;
    const add = Object.fromEntries(Object.entries(d).filter(([, by]) => by !== 0));
    if (!Object.keys(add).length) continue;
    plan.counters.push({ ...counterOf(orgId, t.serviceId, resourceId, add) });
  }
  if (tierDelta !== 0) plan.counters.push({ ...tierResourceCounter(orgId, t.serviceId, t.productTierId, tierDelta > 0 ? 1 : -1), add: { resourceCount: tierDelta } });
  return { plan, copies, drops, last: last && all, steps: steps.length };
}

/** A counter of the net change of a resource's children (the resource must exist in the org). */
function counterOf(orgId: string, serviceId: string, resourceId: string, add: Record<string, number>) {
  // The children's own counters name the resource and the org; their limits are not needed on the way back.
  const base = add.fileCount !== undefined ? fileCounter(orgId, serviceId, resourceId, -1) : parameterCounter('input', orgId, serviceId, resourceId, -1);
  return { key: base.key, entity: base.entity, orgId: base.orgId, add };
}

// ------------------------------------------------------------------------------------------- applying

export interface ApplyTierDefinition {
  orgId: string;
  serviceId: string;
  productTierId: string;
  /** The definition to put in place (items with the tier's ids) and fileId → the bytes to copy for its files. */
  desired: () => Promise<{ definition: TierDefinition; fileBlobs: Record<string, string> }>;
  /** The change mark to leave on the tier. */
  mark: string;
  /** Stop (409 `partlyDone`) after this long; calling again finishes the work. */
  budgetMs: number;
  /** The 409 message of a restore stopped between chunks. */
  partlyDone: string;
  /** Before each round: false stops a restore that spans chunks (409 `partlyDone`). */
  unchangedSince?: (round: number, current: TierDefinition) => Promise<boolean>;
}

/**
 * Puts `desired` in place of the tier's current definition: DiscardPendingChanges (the last release) and
 * environment promotion (a release of the source environment, placed in the target tier) both do it this way.
 * A small tier is one transaction; a larger one commits in ordered chunks, re-reading the tier before each,
 * each exact in its counters and conditional on what it read. A lost race is 409 and never retried over.
 */
export async function applyTierDefinition(a: ApplyTierDefinition): Promise<void> {
  const began = Date.now();
  for (let round = 0; ; round++) {
    const desired = await a.desired();
    const current = await loadTierDefinition(a.orgId, a.serviceId, a.productTierId);
    if (a.unchangedSince && !(await a.unchangedSince(round, current))) throw new Conflict(a.partlyDone);
    const involved = involvedResources(desired.definition, current);
    const [tierGuards, childGuards] = await Promise.all([
      resourceGuardsOfTier(a.serviceId, a.productTierId),
      Promise.all([...involved].map((id) => childGuardsOfResource(a.serviceId, id))),
    ]);
    const steps = restoreSteps({ released: desired.definition, current, guards: [...tierGuards, ...childGuards.flat()], involved, fileBlobs: desired.fileBlobs, mark: a.mark });
    const chunk = nextChunk(steps, current, a.orgId, MAX_TRANSACTION_ITEMS);
    await commitChunk(chunk, round > 0 ? a.partlyDone : undefined);
    if (chunk.last) return;
    if (Date.now() - began > a.budgetMs) throw new Conflict(a.partlyDone);
  }
}

/** Copies the released bytes a chunk restores, commits it (a lost race is 409, never retried over), drops what it replaced. */
async function commitChunk(chunk: Chunk, partly: string | undefined): Promise<void> {
  const store = blobs();
  const copied: string[] = [];
  try {
    for (const c of chunk.copies) {
      const body = await store.get(c.from);
      if (!body) throw new InvalidState('the released content of a file of this plan is missing; it cannot be restored');
      await store.put(c.to, body, c.contentType);
      copied.push(c.to);
    }
    // No retry: re-running a restore over a concurrent edit would discard that edit silently.
    await withRetry(() => commit(chunk.plan), { retries: 0 });
  } catch (e) {
    await dropBlobs(copied);
    throw partly && e instanceof Conflict ? new Conflict(partly) : e;
  }
  await dropBlobs(chunk.drops);
}
