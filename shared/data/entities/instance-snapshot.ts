/**
 * Instance snapshots and the backup schedule (docs/data-model.md, "Instance snapshots").
 *
 * - A snapshot, `SNAP#<snapshotId>` / `#SNAP` (entity `instanceSnapshot`): one point-in-time copy of an
 *   instance, taken by the `snapshot-resource-instance` workflow through the deployment driver. It carries
 *   what a restore needs to build a new instance (plan, version, region, request parameters) and its own
 *   tenancy (provider, customer org, subscription), so it outlives its instance until its retention ends
 *   (`expiresAt`, the table's TTL, also filtered on read). Listed under its instance on gsi1 by creation time.
 * - A schedule, `BACKUP#<instanceId>` / `#BACKUP` (entity `backupSchedule`): one per instance with backups on,
 *   written with the instance. Its gsi1 entry (`BACKUP#DUE#<shard>` / `<nextDueAt>#<instanceId>`) is the due
 *   index the backup job reads; the job moves it forward one period per snapshot, and removes it once the
 *   instance is gone and its last snapshot has expired.
 * The bottom of the layers: imports only shared/data/*, shared/errors.ts and entity types.
 */
import { createHash } from 'node:crypto';
import { BACKUP_SHARDS, keys, shardOf } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, stamp, type Page, type Stored } from '#shared/data/store.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';
import type { BackupPolicy, InstanceBackup, ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';

// The instance carries its backup state; the types live with it (one direction of import between the two).
export type { BackupPolicy, InstanceBackup };

export type SnapshotStatus = 'CREATING' | 'COMPLETED' | 'FAILED';



/** What a snapshot remembers of its instance: enough to restore it as a new one, and to check who may. */
export type SnapshotSource = Pick<
  ResourceInstanceItem,
  | 'instanceId'
  | 'providerOrgId'
  | 'customerOrgId'
  | 'subscriptionId'
  | 'serviceId'
  | 'environmentId'
  | 'environmentType'
  | 'serviceApiId'
  | 'serviceModelId'
  | 'productTierId'
  | 'resourceId' // the instance's path resource
  | 'tierVersion'
  | 'cloudProvider'
  | 'region'
  | 'networkType'
  | 'requestParams'
>;

export interface InstanceSnapshotItem extends Stored, SnapshotSource {
  entity: 'instanceSnapshot';
  snapshotId: string;
  status: SnapshotStatus;
  /** 0–100. */
  progress: number;
  createdTime: string;
  /** When the copy was complete (COMPLETED) or gave up (FAILED). */
  completeTime?: string;
  failureReason?: string;
  encrypted: boolean;
  /** The schedule slot it was taken for (its id is derived from it: one snapshot per instance and slot). */
  dueAt: string;
  retentionDays: number;
  /** TTL (epoch seconds): createdTime + retention (the local override shortens it, see shared/config.ts). */
  expiresAt: number;
  /** What the driver reported about the copy (its outputs), if anything. */
  outputs?: Record<string, string>;
  lastEvent?: AuditFacts;
}

export interface BackupScheduleItem extends Stored {
  entity: 'backupSchedule';
  instanceId: string;
  providerOrgId: string;
  periodHours: number;
  retentionDays: number;
  /** The next slot (ISO): the job takes a snapshot for it once it has passed. */
  nextDueAt: string;
  shard: number;
  /** Set once the instance is gone: the schedule then only expires the snapshots left. */
  instanceDeleted?: boolean;
}

/** The due-index shard of an instance (stable: a hash of its id; stored on the schedule, so it never moves). */
export const backupShardOf = (instanceId: string): number => shardOf(instanceId, BACKUP_SHARDS);

/** The schedule item as stored: its due-index entry follows `nextDueAt`. */
export function indexedSchedule(item: Omit<BackupScheduleItem, 'gsi1pk' | 'gsi1sk'>): BackupScheduleItem {
  return { ...item, ...keys.backupDueEntry(item.shard, item.nextDueAt, item.instanceId) } as BackupScheduleItem;
}

/** A new schedule for an instance: first due one period after `from`. */
export function newBackupSchedule(
  s: { instanceId: string; providerOrgId: string; periodHours: number; retentionDays: number; nextDueAt: string },
): BackupScheduleItem {
  return indexedSchedule(stamp({ ...keys.backupSchedule(s.instanceId), entity: 'backupSchedule' as const, ...s, shard: backupShardOf(s.instanceId) }));
}

export async function getBackupSchedule(instanceId: string): Promise<BackupScheduleItem | undefined> {
  const item = await getItem<BackupScheduleItem>(keys.backupSchedule(instanceId));
  return item?.entity === 'backupSchedule' ? item : undefined;
}

/** One page of a shard's schedules due at `at` or before, most overdue first (the index may lag: re-read each). */
export async function backupsDueBy(shard: number, at: string, opts: { limit?: number; pageToken?: string } = {}): Promise<Page<BackupScheduleItem>> {
  const page = await queryPage<BackupScheduleItem>({ ...keys.backupsDueBy(shard, at), limit: opts.limit, pageToken: opts.pageToken });
  return { ...page, items: page.items.filter((i) => i.entity === 'backupSchedule') };
}

/**
 * The id of the snapshot of `instanceId` for the slot `dueAt`: derived, so a job run repeated for the same
 * slot names the same snapshot (and the same workflow execution) and takes nothing twice.
 */
export function snapshotIdFor(instanceId: string, dueAt: string): string {
  const h = createHash('sha256').update(`${instanceId}#${dueAt}`).digest();
  let n = BigInt(`0x${h.subarray(0, 10).toString('hex')}`);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 12; i++) {
    id += alphabet[Number(n % 36n)];
    n /= 36n;
  }
  return `instance-ss-${id}`;
}

/** A new snapshot, CREATING at 0 %. */
export function newSnapshot(
  source: SnapshotSource,
  s: { snapshotId: string; dueAt: string; retentionDays: number; retentionMs: number; at: Date; lastEvent?: AuditFacts },
): InstanceSnapshotItem {
  const createdTime = s.at.toISOString();
  return stamp({
    ...keys.instanceSnapshot(s.snapshotId),
    ...keys.snapshotListing(source.instanceId, createdTime, s.snapshotId),
    entity: 'instanceSnapshot' as const,
    ...source,
    snapshotId: s.snapshotId,
    status: 'CREATING' as const,
    progress: 0,
    createdTime,
    encrypted: true,
    dueAt: s.dueAt,
    retentionDays: s.retentionDays,
    expiresAt: Math.floor((s.at.getTime() + s.retentionMs) / 1000),
    ...(s.lastEvent ? { lastEvent: s.lastEvent } : {}),
  });
}

/** Expired (its retention passed) at `at`: gone for readers even before the table's TTL removes it. */
export const snapshotExpired = (s: Pick<InstanceSnapshotItem, 'expiresAt'>, at: Date = new Date()): boolean =>
  s.expiresAt * 1000 <= at.getTime();

/** The stored snapshot, expired or not (a workflow step finishes what it began). */
export async function findSnapshot(snapshotId: string): Promise<InstanceSnapshotItem | undefined> {
  const item = await getItem<InstanceSnapshotItem>(keys.instanceSnapshot(snapshotId));
  return item?.entity === 'instanceSnapshot' ? item : undefined;
}

/** The snapshot with this id (one GetItem), unless missing or expired. */
export async function getSnapshot(snapshotId: string, at: Date = new Date()): Promise<InstanceSnapshotItem | undefined> {
  const item = await getItem<InstanceSnapshotItem>(keys.instanceSnapshot(snapshotId));
  return item?.entity === 'instanceSnapshot' && !snapshotExpired(item, at) ? item : undefined;
}

/**
 * Every unexpired snapshot of an instance, oldest first. Complete, never cut: the count is bounded by the
 * retention over the period (docs/limits.md, "Instance snapshots").
 */
export async function snapshotsOfInstance(instanceId: string, at: Date = new Date()): Promise<InstanceSnapshotItem[]> {
  const items = await queryAll<InstanceSnapshotItem>(keys.snapshotsOfInstance(instanceId));
  return items.filter((i) => i.entity === 'instanceSnapshot' && !snapshotExpired(i, at));
}

/** One page of an instance's snapshots created before `before`, oldest first (what retention expires). */
export async function snapshotsCreatedBefore(instanceId: string, before: string, limit: number): Promise<InstanceSnapshotItem[]> {
  const page = await queryPage<InstanceSnapshotItem>({ ...keys.snapshotsOfInstanceCreatedBefore(instanceId, before), limit });
  return page.items.filter((i) => i.entity === 'instanceSnapshot');
}
