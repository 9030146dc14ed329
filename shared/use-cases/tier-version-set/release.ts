/**
 * The one release routine (ReleaseServiceAPI, CreateTierVersionSet, ReleaseTierVersionSet and the compose build
 * all go through `releaseTierVersion`), and the reads of released snapshots other groups build on
 * (`releasedDefinition`, `lastReleasedDefinition`; pending changes and discards use `hasPendingChanges` and
 * `moveReleasedChangeMark`).
 *
 * A release: read the newest change mark, then the tier's whole definition (loadTierDefinition); copy each
 * file's bytes to a blob the release owns; write the snapshot parts (new keys under a fresh release id,
 * batched); then, under withRetry, one transaction: the header (new), the version guard, the previous
 * Preferred set turned Active, and the tier's release state (versioned put of the tier). A lost race re-reads
 * only the tier and recomputes the version; the snapshot stays. Until that transaction, nothing is visible.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, MAX_TRANSACTION_ITEMS, putImmutable, stamp, withRetry, type Key, type VersionedPut } from '#shared/data/store.ts';
import { Conflict } from '#shared/errors.ts';
import { blobs } from '#shared/blobs/index.ts';
import { logger } from '#shared/logger.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import {
  getVersionSet,
  joinParts,
  newestChangeMark,
  newReleaseId,
  releaseStateOf,
  snapshotItems,
  snapshotOf,
  tierVersionGuard,
  versionFileBlobKey,
  versionSetBySeq,
  versionSetKey,
  versionsStartingWith,
  versionTaken,
  withReleasedChangeMark,
  type ResourceSummaryItem,
  type SnapshotPartItem,
  type TierReleaseState,
  type VersionSetItem,
  type VersionSetStatus,
  type VersionSetType,
} from '#shared/data/entities/tier-version-set.ts';
import {
  baseVersionOf,
  EMPTY_RELEASE_STATE,
  majorOf,
  minorOf,
  mirroredVersion,
  nextVersion,
  releasedStatus,
  stateWithStatus,
  tierVersionSetView,
  type NextVersion,
} from '#shared/domain/tier-version-set.ts';
import type { TierVersionSet } from '#shared/schemas/tier-version-set.ts';
import { loadTierDefinition, type TierDefinition } from '#shared/use-cases/tier-definition.ts';

export { hasPendingChanges } from '#shared/data/entities/tier-version-set.ts';

type Org = Pick<Caller, 'orgId'>;
export type TierVersionSetView = z.input<typeof TierVersionSet>;

export interface ReleaseInput {
  serviceId: string;
  productTierId: string;
  type: VersionSetType;
  /** The version for UserDefined; a display name otherwise. */
  name?: string;
  description?: string;
  /** Release as Preferred (the previous Preferred becomes Active). */
  preferred: boolean;
  /** Change nothing; answer what would be released. */
  dryRun: boolean;
  /** Incremental versions of an older major: the parent it continues. */
  parentVersion?: string;
  /** Cut a Pending version set (CreateTierVersionSet) instead of releasing. */
  pending?: boolean;
  /** Take exactly this version (environment promotion keeps the source's numbering); a taken one is 409. */
  mirror?: string;
}

/** Files copied at a time when a release keeps their bytes. */
const COPY_WIDTH = 16;

const stripRelease = (tier: ProductTierItem): ProductTierItem => {
  const { release: _r, ...rest } = tier as ProductTierItem & { release?: TierReleaseState };
  return rest as ProductTierItem;
};

/** The version the next set of `tier` gets (reads only for an Incremental with a parent of an older major). */
async function versionFor(tier: ProductTierItem, input: ReleaseInput): Promise<NextVersion> {
  const state = releaseStateOf(tier) ?? EMPTY_RELEASE_STATE;
  if (input.mirror !== undefined) return mirroredVersion(state, input.mirror);
  if (input.type !== 'Incremental' || !input.parentVersion) return nextVersion(state, input.type, input.name);
  await getVersionSet(tier.orgId, tier.serviceId, tier.productTierId, input.parentVersion);
  const major = majorOf(input.parentVersion);
  if (major === undefined) return nextVersion(state, input.type, input.name);
  const taken = await versionsStartingWith(tier.serviceId, tier.productTierId, `${major}.`);
  const minorsTaken = taken.map((t) => minorOf(t.version)).filter((m): m is number => m !== undefined);
  return nextVersion(state, input.type, input.name, { major, minorsTaken });
}

/** Copies every file's bytes to a blob the release owns; fileId → that blob's key. */
async function keepFileBytes(definition: TierDefinition, releaseId: string): Promise<Record<string, string>> {
  const files = definition.resources.flatMap((r) => r.files);
  const kept: Record<string, string> = {};
  for (let i = 0; i < files.length; i += COPY_WIDTH) {
    await Promise.all(
      files.slice(i, i + COPY_WIDTH).map(async (f) => {
        const body = await blobs().get(f.blobKey);
        // A blob replaced since the definition was read: the release keeps no bytes for it (GetFile answers 404).
        if (!body) return;
        const key = versionFileBlobKey(f.serviceId, releaseId, f.fileId);
        await blobs().put(key, body, f.contentType);
        kept[f.fileId] = key;
      }),
    );
  }
  return kept;
}

/** Removes what a release that did not commit wrote (best effort: it is unreachable anyway). */
async function dropUnreleased(keys: Key[], blobKeys: string[]): Promise<void> {
  try {
    for (let i = 0; i < keys.length; i += MAX_TRANSACTION_ITEMS) await commit({ deletes: keys.slice(i, i + MAX_TRANSACTION_ITEMS).map((key) => ({ key })) });
    await Promise.all(blobKeys.map((k) => blobs().delete(k)));
  } catch (e) {
    logger.warn('could not remove the snapshot of a release that did not commit', { error: String(e) });
  }
}

const summariesOf = (definition: TierDefinition): ResourceSummaryItem[] =>
  definition.resources.map(({ resource: r }) => ({ resourceId: r.resourceId, name: r.name, description: r.description, internal: r.internal, resourceType: r.resourceType }));

/**
 * The puts that give `set` its new status: the set itself, the previous Preferred one turned Active when `set`
 * becomes Preferred, and the tier's release state. `released` when the set is released by this change.
 */
export async function statusPuts(
  tier: ProductTierItem,
  set: VersionSetItem,
  status: VersionSetStatus,
  opts: { released: boolean; isNew?: boolean; changes?: Partial<VersionSetItem>; mark?: string },
): Promise<{ puts: VersionedPut[]; next: VersionSetItem }> {
  let state = releaseStateOf(tier) ?? EMPTY_RELEASE_STATE;
  const puts: VersionedPut[] = [];
  if (status === 'Preferred' && state.preferred && state.preferred.seq !== set.seq) {
    const previous = await versionSetBySeq(tier.orgId, tier.serviceId, tier.productTierId, state.preferred.seq);
    if (previous.status === 'Preferred') puts.push({ item: advance(previous, { ...previous, status: 'Active' }), expectVersion: previous.version });
    state = stateWithStatus(state, { version: previous.tierVersion, seq: previous.seq }, 'Active', false);
  }
  state = stateWithStatus(state, { version: set.tierVersion, seq: set.seq }, status, opts.released);
  if (opts.mark !== undefined) state = withReleasedChangeMark(state, opts.mark);
  const next = opts.isNew ? { ...set, ...opts.changes, status } : advance(set, { ...set, ...opts.changes, status });
  puts.unshift(opts.isNew ? { item: next } : { item: next, expectVersion: set.version });
  puts.push({ item: advance(tier, { ...tier, release: state } as ProductTierItem), expectVersion: tier.version });
  return { puts, next };
}

/** Releases (or, with `pending`, cuts a Pending) version set of the tier's current definition. */
export async function releaseTierVersion(caller: Pick<Caller, 'orgId' | 'userId' | 'email'>, input: ReleaseInput): Promise<TierVersionSetView> {
  const { orgId } = caller;
  const { serviceId, productTierId } = input;
  const first = await getProductTier(orgId, serviceId, productTierId);
  const planned = await versionFor(first, input);
  // A user-defined version already taken is answered before any work (the guard decides under races).
  if ((input.type === 'UserDefined' || input.mirror !== undefined) && (await versionTaken(serviceId, productTierId, planned.version))) {
    throw new Conflict(tierVersionGuard(serviceId, productTierId, planned.version, 0, '').conflict);
  }
  const mark = await newestChangeMark(serviceId, productTierId);
  const definition = await loadTierDefinition(orgId, serviceId, productTierId);
  const summaries = summariesOf(definition);
  const status: VersionSetStatus = input.pending ? 'Pending' : releasedStatus(input.preferred);
  const header = (tier: ProductTierItem, v: NextVersion, seq: number, releaseId: string): VersionSetItem => {
    const state = releaseStateOf(tier) ?? EMPTY_RELEASE_STATE;
    const stamped = stamp({
      ...versionSetKey(serviceId, productTierId, seq),
      entity: 'tierVersionSet' as const,
      orgId,
      serviceId,
      productTierId,
      serviceModelId: tier.serviceModelId,
      seq,
      tierVersion: v.version,
      name: input.type === 'UserDefined' ? v.version : (input.name?.trim() ?? ''),
      description: input.description ?? '',
      type: input.type,
      status,
      parentVersion: input.parentVersion ?? state.latestReleased?.version ?? '',
      baseVersion: baseVersionOf(v.version),
      releaseId,
      tier: stripRelease(definition.tier),
      resourceCount: definition.resources.length,
      indexParts: 0,
      changeMark: mark,
      createdBy: caller.email,
      releasedBy: input.pending ? '' : caller.email,
      releasedAt: '',
      instanceCount: 0,
    });
    // Released when the header is written: the same instant as its creation, never before it.
    return input.pending ? stamped : { ...stamped, releasedAt: stamped.createdAt };
  };
  if (input.dryRun) {
    const seq = (releaseStateOf(first)?.seq ?? 0) + 1;
    return tierVersionSetView(header(first, planned, seq, ''), summaries);
  }

  const releaseId = newReleaseId();
  const fileBlobs = await keepFileBytes(definition, releaseId);
  const { parts, index } = snapshotItems(definition.tier, releaseId, definition.resources, fileBlobs);
  await putImmutable([...parts, ...index]);
  let taken = '';
  try {
    const released = await withRetry(
      async () => {
        const tier = await getProductTier(orgId, serviceId, productTierId);
        const v = await versionFor(tier, input);
        const seq = (releaseStateOf(tier)?.seq ?? 0) + 1;
        const set = { ...header(tier, v, seq, releaseId), indexParts: index.length };
        const withNumbers = { ...tier, release: { ...(releaseStateOf(tier) ?? EMPTY_RELEASE_STATE), seq, major: v.major, minor: v.minor } } as ProductTierItem;
        const { puts, next } = await statusPuts(withNumbers, set, status, {
          released: !input.pending,
          isNew: true,
          mark: input.pending ? undefined : mark,
        });
        // The tier put carries the version read (`withNumbers` is the same item with the new numbering).
        const guard = tierVersionGuard(serviceId, productTierId, v.version, seq, releaseId);
        taken = guard.conflict;
        await commit({ puts, guardsAdd: [{ guard, owner: versionSetKey(serviceId, productTierId, seq) }] });
        return next;
      },
      // Many releases racing for one tier take turns on its item; a numbered version taken meanwhile is recomputed.
      { retries: 40, retryOn: (e) => input.type !== 'UserDefined' && input.mirror === undefined && e instanceof Conflict && e.message === taken },
    );
    return tierVersionSetView(released, summaries);
  } catch (e) {
    await dropUnreleased([...parts, ...index].map((p) => ({ pk: p.pk, sk: p.sk })), Object.values(fileBlobs));
    throw e;
  }
}

export interface ReleasedDefinition {
  versionSet: VersionSetItem;
  /** The definition as it was at release, in the shape loadTierDefinition answers (the tier without its `release` state). */
  definition: TierDefinition;
  /** fileId → the blob holding the bytes the release kept. */
  fileBlobs: Record<string, string>;
}

/** The snapshot of `version` of the tier (404 `Version set not found`). */
export async function releasedDefinition(orgId: string, serviceId: string, productTierId: string, version: string): Promise<ReleasedDefinition> {
  const [versionSet] = await Promise.all([getVersionSet(orgId, serviceId, productTierId, version), getProductTier(orgId, serviceId, productTierId)]);
  return definitionOf(versionSet);
}

export async function definitionOf(versionSet: VersionSetItem): Promise<ReleasedDefinition> {
  const items = await snapshotOf(versionSet.serviceId, versionSet.productTierId, versionSet.releaseId);
  const joined = joinParts(items.filter((i): i is SnapshotPartItem => i.entity === 'versionSnapshot'));
  return {
    versionSet,
    definition: { tier: versionSet.tier, resources: joined.map(({ fileBlobs: _f, ...r }) => r) },
    fileBlobs: Object.assign({}, ...joined.map((r) => r.fileBlobs)),
  };
}

/** The snapshot of the tier's most recently released version, or undefined before its first release. */
export async function lastReleasedDefinition(orgId: string, serviceId: string, productTierId: string): Promise<ReleasedDefinition | undefined> {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const latest = releaseStateOf(tier)?.latestReleased;
  if (!latest) return undefined;
  return definitionOf(await versionSetBySeq(orgId, serviceId, productTierId, latest.seq));
}

/**
 * Moves the tier's released-change mark to its newest change record, so `hasPendingChanges` answers false
 * until the next change (DiscardPendingChanges, after restoring the released definition).
 */
export async function moveReleasedChangeMark(orgId: string, serviceId: string, productTierId: string): Promise<void> {
  await withRetry(async () => {
    const mark = await newestChangeMark(serviceId, productTierId);
    const tier = await getProductTier(orgId, serviceId, productTierId);
    const next = advance(tier, { ...tier, release: withReleasedChangeMark(releaseStateOf(tier), mark) } as ProductTierItem);
    await commit({ puts: [{ item: next, expectVersion: tier.version }] });
  });
}
