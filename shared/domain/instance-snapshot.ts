/**
 * The rules of backups (docs/operations.md, "Backups and restore"): which instances are backed up and how often,
 * when a schedule's next slot falls, what a due slot does to an instance in each status, how long a snapshot
 * lives, the point-in-time window a restore may reach and which snapshot serves it, and the wire views.
 * Pure: no I/O, no clock (callers pass `at`).
 */
import type { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';
import type { BackupPolicy, InstanceBackup, InstanceSnapshotItem } from '#shared/data/entities/instance-snapshot.ts';

export type { BackupPolicy, InstanceBackup };
import type { BackupStatus, InstanceSnapshot } from '#shared/schemas/resource-instance-snapshot.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;


/**
 * Backups are on for an instance whose path resource has a `backupConfiguration` (the numbers come from it):
 * the resource field CreateResource/UpdateResource set, or the `BACKUP_CONFIGURATION` capability a compose
 * spec's `x-omnistrate-capabilities.backupConfiguration` becomes. A bare BACKUP capability without numbers
 * turns nothing on. Values below 1 are taken as 1.
 */
export function backupPolicyOf(resource: {
  backupConfiguration?: { backupPeriodInHours: number; backupRetentionInDays: number };
  capabilities?: readonly { capability: string; configuration?: Record<string, unknown> }[];
}): BackupPolicy | undefined {
  const fromCapability = resource.capabilities?.find((c) => c.capability === 'BACKUP_CONFIGURATION')?.configuration;
  const numbers = (v: Record<string, unknown> | undefined) =>
    v && Number.isFinite(Number(v.backupPeriodInHours)) && Number.isFinite(Number(v.backupRetentionInDays))
      ? { backupPeriodInHours: Number(v.backupPeriodInHours), backupRetentionInDays: Number(v.backupRetentionInDays) }
      : undefined;
  const c = resource.backupConfiguration ?? numbers(fromCapability);
  if (!c) return undefined;
  return { periodHours: Math.max(1, Math.floor(c.backupPeriodInHours)), retentionDays: Math.max(1, Math.floor(c.backupRetentionInDays)) };
}

/** Local overrides (shared/config.ts): a period and a retention in minutes instead of the policy's. */
export interface BackupOverrides {
  periodMinutes?: number;
  retentionMinutes?: number;
}

export interface BackupTiming {
  periodMs: number;
  retentionMs: number;
}

export function backupTiming(policy: BackupPolicy, overrides: BackupOverrides = {}): BackupTiming {
  return {
    periodMs: overrides.periodMinutes ? overrides.periodMinutes * 60_000 : policy.periodHours * HOUR,
    retentionMs: overrides.retentionMinutes ? overrides.retentionMinutes * 60_000 : policy.retentionDays * DAY,
  };
}

/** The first slot of a new schedule: one period after the instance was created. */
export function firstSlot(createdAt: string, timing: BackupTiming): string {
  return new Date(new Date(createdAt).getTime() + timing.periodMs).toISOString();
}

/**
 * The slot after `slot`, the first of `slot + k·period` (k ≥ 1) later than `at`: a job that was down for a
 * while takes one snapshot for the slots it missed, not one per slot, and keeps the schedule's phase.
 */
export function nextSlotAfter(slot: string, periodMs: number, at: Date): string {
  const s = new Date(slot).getTime();
  const k = Math.max(1, Math.floor((at.getTime() - s) / periodMs) + 1);
  return new Date(s + k * periodMs).toISOString();
}

/**
 * What a due slot does, by the instance's status: RUNNING is snapshotted; an instance that is gone only has
 * its snapshots expired; any other status (deploying, stopped, failed, …) skips the slot.
 */
export type DueAction = 'snapshot' | 'skip' | 'gone';

export function dueAction(instance: { status: string } | undefined): DueAction {
  if (!instance) return 'gone';
  return instance.status === 'RUNNING' ? 'snapshot' : 'skip';
}

/** The cut-off of retention at `at`: snapshots created before it have expired. */
export function retentionCutoff(at: Date, timing: Pick<BackupTiming, 'retentionMs'>): string {
  return new Date(at.getTime() - timing.retentionMs).toISOString();
}

/** lastBackupTime / earliestRestoreTime from an instance's unexpired snapshots. */
export function backupTimes(snapshots: Pick<InstanceSnapshotItem, 'status' | 'completeTime'>[]): Pick<InstanceBackup, 'lastBackupTime' | 'earliestRestoreTime'> {
  const done = snapshots
    .filter((s) => s.status === 'COMPLETED' && s.completeTime)
    .map((s) => s.completeTime!)
    .sort();
  return done.length ? { lastBackupTime: done[done.length - 1], earliestRestoreTime: done[0] } : {};
}

/** `targetRestoreTime` as a time: ISO 8601 or `2021-09-01 00:00:00+00:00`; 400 otherwise. */
export function parseRestoreTime(raw: string): Date {
  const t = new Date(raw.trim().replace(' ', 'T'));
  if (Number.isNaN(t.getTime())) throw new BadRequest(`body.targetRestoreTime must be a date-time (e.g. 2021-09-01T00:00:00Z), not ${JSON.stringify(raw.slice(0, 64))}`);
  return t;
}

/**
 * The snapshot a point-in-time restore to `target` starts from: the newest COMPLETED one that completed at or
 * before it. The window is [oldest completion, now]; a time outside it is 400 naming the window.
 */
export function snapshotForRestoreTime<S extends Pick<InstanceSnapshotItem, 'status' | 'completeTime' | 'snapshotId'>>(snapshots: S[], target: Date, now: Date): S {
  const done = snapshots.filter((s) => s.status === 'COMPLETED' && s.completeTime).sort((a, b) => (a.completeTime! < b.completeTime! ? -1 : 1));
  if (!done.length) throw new BadRequest('the instance has no completed backup to restore from');
  const earliest = done[0].completeTime!;
  const t = target.getTime();
  if (t < new Date(earliest).getTime() || t > now.getTime()) {
    throw new BadRequest(`body.targetRestoreTime must be within the restore window ${earliest} to ${now.toISOString()}`);
  }
  let pick = done[0];
  for (const s of done) if (new Date(s.completeTime!).getTime() <= t) pick = s;
  return pick;
}

export function snapshotView(s: InstanceSnapshotItem): z.input<typeof InstanceSnapshot> {
  return {
    snapshotId: s.snapshotId,
    status: s.status,
    progress: s.progress,
    createdTime: s.createdTime,
    completeTime: s.completeTime ?? '',
    encrypted: s.encrypted,
  };
}

/** The instance's `backupStatus`, when backups are on. */
export function backupStatusView(backup: InstanceBackup | undefined): z.input<typeof BackupStatus> | undefined {
  if (!backup) return undefined;
  return {
    backupPeriodInHours: backup.periodHours,
    backupRetentionInDays: backup.retentionDays,
    ...(backup.lastBackupTime ? { lastBackupTime: backup.lastBackupTime } : {}),
    ...(backup.earliestRestoreTime ? { earliestRestoreTime: backup.earliestRestoreTime } : {}),
  };
}
