/**
 * Tier version sets (releases): an immutable snapshot of a product tier's whole definition.
 *
 * Items in the service partition (docs/data-model.md, "Tier version sets"):
 * - the header `VSET#<tierId>#<seq>` (entity `tierVersionSet`): version, name, type, status, times, the tier
 *   item as released, and where its snapshot lives (`releaseId`). Sequence numbers order a tier's sets.
 * - the version guard `UNIQUE#TIERVERSION#<tierId>#<version>` → `seq`, `releaseId`: versions unique per tier,
 *   and how a version string finds its header.
 * - snapshot parts `VSNAP#<tierId>#<releaseId>#R#<resourceId>#<chunk>` (entity `versionSnapshot`): one resource
 *   with its parameters and file metadata, split into chunks when it would not fit one item; and index parts
 *   `VSNAP#<tierId>#<releaseId>#I#<chunk>` (entity `versionSnapshotIndex`): the resource summaries a version
 *   set view lists. Parts are written before their header (`putImmutable`); the header commits last, so a
 *   version exists only once it is complete.
 * - on the tier item, `release` (TierReleaseState): the numbering, the Preferred pointer, the newest release
 *   and the change mark that `hasPendingChanges` compares with. Every release, promotion and deprecation
 *   writes the tier conditional on its version: that is what keeps one Preferred per tier.
 * The bottom of the layers: imports only shared/data/*, shared/errors.ts and entity types.
 */
import { randomBytes } from 'node:crypto';
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, stamp, type Guard, type Key, type Page, type Stored } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { ResourceItem } from '#shared/data/entities/resource.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import type { FileItem } from '#shared/data/entities/resource-file.ts';

export type VersionSetStatus = 'Preferred' | 'Active' | 'Deprecated' | 'Pending';
export type VersionSetType = 'Major' | 'Incremental' | 'UserDefined';

/** The message clients match on (docs: compatibility). */
export const VERSION_SET_NOT_FOUND = 'Version set';

/** A version named on the tier's release state. */
export interface VersionRef {
  version: string;
  seq: number;
}

/** What a tier remembers of its releases (the `release` attribute of the tier item). */
export interface TierReleaseState {
  /** Sequence number of the newest version set (Pending included). */
  seq: number;
  /** The newest numbered version (`<major>.<minor>`); 0.0 before the first. */
  major: number;
  minor: number;
  preferred?: VersionRef;
  /** The version released most recently (by release time). */
  latestReleased?: VersionRef;
  /** The newest released `<n>.0` version and its status (what service plans show). */
  latestMajor?: VersionRef & { status: VersionSetStatus };
  /** Sort key of the newest change record a release took up ('' when the log was empty). */
  releasedChangeMark?: string;
}

export interface ResourceSummaryItem {
  resourceId: string;
  name: string;
  description: string;
  internal: boolean;
  resourceType: string;
  /** The resource's URL key and capability flags, what offerings show (absent on snapshots taken before them). */
  key?: string;
  backup?: boolean;
  autoscaling?: boolean;
}

/** A resource's summary as a release's index keeps it. */
export function resourceSummary(r: ResourceItem): ResourceSummaryItem {
  const has = (name: string) => (r.capabilities ?? []).some((c) => c.capability.toUpperCase() === name);
  return {
    resourceId: r.resourceId,
    name: r.name,
    description: r.description,
    internal: r.internal,
    resourceType: r.resourceType,
    key: r.key,
    backup: has('BACKUP') || r.backupConfiguration !== undefined,
    autoscaling: has('AUTOSCALING'),
  };
}

export interface VersionSetItem extends Stored {
  entity: 'tierVersionSet';
  orgId: string;
  serviceId: string;
  productTierId: string;
  serviceModelId: string;
  seq: number;
  /** The version string (`1.0`, `2.1`, or a user-defined one); `version` is the item's write counter. */
  tierVersion: string;
  name: string;
  description: string;
  type: VersionSetType;
  status: VersionSetStatus;
  parentVersion: string;
  baseVersion: string;
  releaseId: string;
  /** The tier item as it was when the snapshot was taken (without its `release` state). */
  tier: ProductTierItem;
  resourceCount: number;
  indexParts: number;
  /** The change mark of the snapshot: what a Pending set moves the tier's mark to once released. */
  changeMark: string;
  createdBy: string;
  releasedBy: string;
  /** '' while Pending. */
  releasedAt: string;
  /** Instances on this version; kept at 0 until resource instances exist (a counter attribute then). */
  instanceCount: number;
}

export interface SnapshotResource {
  resource: ResourceItem;
  inputParameters: InputParameterItem[];
  outputParameters: OutputParameterItem[];
  files: FileItem[];
}

export interface SnapshotPartItem extends Stored {
  entity: 'versionSnapshot';
  orgId: string;
  serviceId: string;
  productTierId: string;
  releaseId: string;
  resourceId: string;
  /** Position of the resource in the tier (creation order). */
  order: number;
  chunk: number;
  /** Only on chunk 0. */
  resource?: ResourceItem;
  inputParameters: InputParameterItem[];
  outputParameters: OutputParameterItem[];
  files: FileItem[];
  /** fileId → the release's own copy of the bytes. */
  fileBlobs: Record<string, string>;
}

export interface SnapshotIndexItem extends Stored {
  entity: 'versionSnapshotIndex';
  orgId: string;
  serviceId: string;
  productTierId: string;
  releaseId: string;
  chunk: number;
  resources: ResourceSummaryItem[];
}

interface VersionGuardItem extends Key {
  seq: number;
  releaseId: string;
}

/** A part stays well under the 390 KB an item may hold. */
const PART_BUDGET = 300_000;
const sizeOf = (x: unknown) => Buffer.byteLength(JSON.stringify(x));

export const newReleaseId = () => randomBytes(8).toString('hex');

/** The release's own copy of a file's bytes (a file's blob is dropped when the file changes or goes). */
export const versionFileBlobKey = (serviceId: string, releaseId: string, fileId: string) => `versions/${serviceId}/${releaseId}/${fileId}`;

export const versionSetKey = (serviceId: string, productTierId: string, seq: number): Key => keys.versionSet(serviceId, productTierId, seq);

export function tierVersionGuard(serviceId: string, productTierId: string, version: string, seq: number, releaseId: string): Guard {
  return {
    key: keys.tierVersionGuard(serviceId, productTierId, version),
    conflict: `version set ${version} already exists for product tier ${productTierId}`,
    attributes: { seq, releaseId, value: version },
  };
}

/** The snapshot's items: resource parts (chunked to fit an item) and the summary index, all new keys. */
export function snapshotItems(
  tier: Pick<ProductTierItem, 'orgId' | 'serviceId' | 'productTierId'>,
  releaseId: string,
  resources: readonly SnapshotResource[],
  fileBlobs: Record<string, string>,
): { parts: SnapshotPartItem[]; index: SnapshotIndexItem[] } {
  const { orgId, serviceId, productTierId } = tier;
  const parts: SnapshotPartItem[] = [];
  resources.forEach((def, order) => {
    const { resourceId } = def.resource;
    let chunk = 0;
    let current: SnapshotPartItem | undefined;
    let size = 0;
    const open = (withResource: boolean) => {
      current = stamp({
        ...keys.versionSnapshotPart(serviceId, productTierId, releaseId, resourceId, chunk++),
        entity: 'versionSnapshot' as const,
        orgId,
        serviceId,
        productTierId,
        releaseId,
        resourceId,
        order,
        chunk: chunk - 1,
        ...(withResource ? { resource: def.resource } : {}),
        inputParameters: [],
        outputParameters: [],
        files: [],
        fileBlobs: {},
      });
      parts.push(current);
      size = sizeOf(current);
    };
    open(true);
    const add = (field: 'inputParameters' | 'outputParameters' | 'files', item: InputParameterItem | OutputParameterItem | FileItem) => {
      const n = sizeOf(item) + (field === 'files' ? 120 : 0);
      if (size + n > PART_BUDGET) open(false);
      (current![field] as unknown[]).push(item);
      if (field === 'files') current!.fileBlobs[(item as FileItem).fileId] = fileBlobs[(item as FileItem).fileId];
      size += n;
    };
    for (const p of def.inputParameters) add('inputParameters', p);
    for (const p of def.outputParameters) add('outputParameters', p);
    for (const f of def.files) add('files', f);
  });
  const index: SnapshotIndexItem[] = [];
  let batch: ResourceSummaryItem[] = [];
  let size = 0;
  const flush = () => {
    index.push(
      stamp({
        ...keys.versionSnapshotIndexPart(serviceId, productTierId, releaseId, index.length),
        entity: 'versionSnapshotIndex' as const,
        orgId,
        serviceId,
        productTierId,
        releaseId,
        chunk: index.length,
        resources: batch,
      }),
    );
    batch = [];
    size = 0;
  };
  for (const { resource: r } of resources) {
    const s = resourceSummary(r);
    const n = sizeOf(s);
    if (size + n > PART_BUDGET && batch.length) flush();
    batch.push(s);
    size += n;
  }
  flush();
  return { parts, index };
}

/** The header of `version` of the tier (404 `Version set not found`). Tenancy: the header's org. */
export async function getVersionSet(orgId: string, serviceId: string, productTierId: string, version: string): Promise<VersionSetItem> {
  const guard = await getItem<VersionGuardItem>(keys.tierVersionGuard(serviceId, productTierId, version));
  const header = guard ? await getItem<VersionSetItem>(keys.versionSet(serviceId, productTierId, guard.seq)) : undefined;
  if (!header || header.entity !== 'tierVersionSet' || header.orgId !== orgId || header.tierVersion !== version) throw new NotFound(VERSION_SET_NOT_FOUND);
  return header;
}

/** The header with sequence number `seq` (the tier's pointers name versions by it), or 404. */
export async function versionSetBySeq(orgId: string, serviceId: string, productTierId: string, seq: number): Promise<VersionSetItem> {
  const header = await getItem<VersionSetItem>(keys.versionSet(serviceId, productTierId, seq));
  if (!header || header.entity !== 'tierVersionSet' || header.orgId !== orgId) throw new NotFound(VERSION_SET_NOT_FOUND);
  return header;
}

/** Whether a version string is taken in the tier (a consistent GetItem of its guard). */
export async function versionTaken(serviceId: string, productTierId: string, version: string): Promise<boolean> {
  return (await getItem(keys.tierVersionGuard(serviceId, productTierId, version))) !== undefined;
}

/** The versions of the tier starting with `prefix` (e.g. every `2.<n>`), from their guards. */
export async function versionsStartingWith(serviceId: string, productTierId: string, prefix: string): Promise<{ version: string; seq: number }[]> {
  const guards = await queryAll<VersionGuardItem & { value: string }>(keys.tierVersionGuardsStartingWith(serviceId, productTierId, prefix));
  return guards.map((g) => ({ version: g.value, seq: g.seq }));
}

/** One page of the tier's version sets, newest first (a consistent Query on the header range). */
export function versionSetPage(serviceId: string, productTierId: string, limit?: number, pageToken?: string): Promise<Page<VersionSetItem>> {
  return queryPage<VersionSetItem>({ ...keys.versionSetsOfTier(serviceId, productTierId), descending: true, limit, pageToken });
}

/** Every part of a release's snapshot (resource parts and index parts). */
export function snapshotOf(serviceId: string, productTierId: string, releaseId: string): Promise<(SnapshotPartItem | SnapshotIndexItem)[]> {
  return queryAll(keys.versionSnapshotOf(serviceId, productTierId, releaseId));
}

/** The resource summaries of a release, in tier order. */
export async function snapshotIndex(header: VersionSetItem): Promise<ResourceSummaryItem[]> {
  const parts = await queryAll<SnapshotIndexItem>(keys.versionSnapshotIndexOf(header.serviceId, header.productTierId, header.releaseId));
  return parts.sort((a, b) => a.chunk - b.chunk).flatMap((p) => p.resources);
}

/** The first part of one resource in a release (the resource item itself), or undefined: one GetItem. */
export async function snapshotResourceHead(header: VersionSetItem, resourceId: string): Promise<ResourceItem | undefined> {
  const part = await getItem<SnapshotPartItem>(keys.versionSnapshotPart(header.serviceId, header.productTierId, header.releaseId, resourceId, 0));
  return part?.entity === 'versionSnapshot' && part.orgId === header.orgId ? part.resource : undefined;
}

/** One resource as released (its chunks joined), or undefined when the release does not hold it. */
export async function snapshotResource(header: VersionSetItem, resourceId: string): Promise<(SnapshotResource & { fileBlobs: Record<string, string> }) | undefined> {
  const parts = await queryAll<SnapshotPartItem>(keys.versionSnapshotOfResource(header.serviceId, header.productTierId, header.releaseId, resourceId));
  return joinParts(parts.filter((p) => p.entity === 'versionSnapshot'))[0];
}

/** Resource parts joined back into resources, in tier order. */
export function joinParts(parts: readonly SnapshotPartItem[]): (SnapshotResource & { fileBlobs: Record<string, string> })[] {
  const byResource = new Map<string, SnapshotPartItem[]>();
  for (const p of parts) byResource.set(p.resourceId, [...(byResource.get(p.resourceId) ?? []), p]);
  return [...byResource.values()]
    .map((ps) => ps.sort((a, b) => a.chunk - b.chunk))
    .filter((ps) => ps[0].resource !== undefined)
    .sort((a, b) => a[0].order - b[0].order)
    .map((ps) => ({
      resource: ps[0].resource!,
      inputParameters: ps.flatMap((p) => p.inputParameters),
      outputParameters: ps.flatMap((p) => p.outputParameters),
      files: ps.flatMap((p) => p.files),
      fileBlobs: Object.assign({}, ...ps.map((p) => p.fileBlobs)),
    }));
}

/**
 * The keys of every version item of a tier (headers, version guards, snapshot parts): removed with the tier.
 * Bounded by the tier's releases; read only by DeleteProductTier, after it found the tier empty.
 */
export async function versionKeysOfTier(serviceId: string, productTierId: string): Promise<Key[]> {
  const ranges = [keys.versionSetsOfTier(serviceId, productTierId), keys.tierVersionGuardsStartingWith(serviceId, productTierId, ''), keys.versionSnapshotsOfTier(serviceId, productTierId)];
  const items = (await Promise.all(ranges.map((r) => queryAll<Key>(r)))).flat();
  return items.map((i) => ({ pk: i.pk, sk: i.sk }));
}

/** Sort key of the tier's newest change record ('' when its log is empty): one reverse Query, limit 1. */
export async function newestChangeMark(serviceId: string, productTierId: string): Promise<string> {
  const page = await queryPage<Key>({ ...keys.changesOfTier(serviceId, productTierId), descending: true, limit: 1 });
  return page.items[0]?.sk ?? '';
}

/**
 * THE pending-changes rule: a tier has pending changes when its newest change record is newer than the mark
 * its last release took up (change sort keys are time-ordered). A tier never released has no mark: any
 * recorded change is pending, and one with an empty log (nothing defined yet) has nothing to release.
 */
export async function hasPendingChanges(tier: Pick<ProductTierItem, 'serviceId' | 'productTierId'> & { release?: TierReleaseState }): Promise<boolean> {
  const mark = tier.release?.releasedChangeMark ?? '';
  return (await newestChangeMark(tier.serviceId, tier.productTierId)) > mark;
}

/** The tier's release state with the mark moved to `mark` (never backwards). */
export function withReleasedChangeMark(state: TierReleaseState | undefined, mark: string): TierReleaseState {
  const s = state ?? { seq: 0, major: 0, minor: 0 };
  const current = s.releasedChangeMark;
  return { ...s, releasedChangeMark: current !== undefined && current > mark ? current : mark };
}

/** The tier's release state (absent before its first version set). */
export const releaseStateOf = (tier: ProductTierItem): TierReleaseState | undefined => (tier as ProductTierItem & { release?: TierReleaseState }).release;
