/**
 * The back-up-instances job's work (docs/operations.md, "Backups and restore"), and the schedule an instance
 * with backups on gets at create.
 *
 * Each run reads only what is due: per shard, one Query of the due index (`BACKUP#DUE#<shard>`, entries whose
 * next due time has passed, most overdue first; pages of 100, at most `maxPerRun` schedules over all shards;
 * what is left waits for the next run, `more` says so). For each schedule, re-read consistently (the index
 * lags) and still due:
 * - its instance's snapshots past retention are expired (deleted), and the instance's backup times follow;
 * - RUNNING: a snapshot is started — the `snapshot-resource-instance` workflow, whose execution name is the
 *   snapshot id derived from the instance and the slot, so a repeated run for the same slot starts nothing new;
 * - another status: the slot is skipped (a stopped or deploying instance is not copied);
 * - the instance gone: its snapshots are kept until their retention ends (a restore from one still works); the
 *   schedule then only wakes when the oldest left expires, and is removed with the last;
 * then the schedule moves to its next slot (conditional on the version read: two runs racing for one slot
 * start one snapshot). Order matters for a crash: the workflow start comes before the move, so a run that dies
 * between them leaves the slot due, and the next run starts the same execution name again, a no-op.
 */
import { advance, commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { BACKUP_SHARDS } from '#shared/data/keys.ts';
import {
  backupsDueBy,
  getBackupSchedule,
  indexedSchedule,
  newBackupSchedule,
  snapshotIdFor,
  snapshotsCreatedBefore,
  snapshotsOfInstance,
  type BackupScheduleItem,
} from '#shared/data/entities/instance-snapshot.ts';
import { getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import {
  backupTimes,
  backupTiming,
  dueAction,
  firstSlot,
  nextSlotAfter,
  retentionCutoff,
  type BackupPolicy,
  type BackupTiming,
  type InstanceBackup,
} from '#shared/domain/instance-snapshot.ts';
import { startWorkflow } from '#shared/workflows/start.ts';
import { config } from '#shared/config.ts';
import { logger } from '#shared/logger.ts';

export const SNAPSHOT_WORKFLOW = 'snapshot-resource-instance';

export const BACKUP_JOB_LIMITS = {
  /** Schedules handled per run, over all shards. */
  maxPerRun: 200,
  pageSize: 100,
  /** Snapshots expired per instance per run (one transaction); the rest go on the next slot. */
  expirePerInstance: 50,
} as const;

/** The local overrides of period and retention (shared/config.ts). */
export function backupOverrides() {
  return { periodMinutes: config.backupPeriodOverrideMinutes, retentionMinutes: config.backupRetentionOverrideMinutes };
}

export function timingOf(policy: BackupPolicy): BackupTiming {
  return backupTiming(policy, backupOverrides());
}

/**
 * What a create puts for an instance with backups on: its schedule, first due one period after `createdAt`.
 * (The instance item carries `backup: policy` itself.)
 */
export function backupScheduleOnCreate(instance: Pick<ResourceInstanceItem, 'instanceId' | 'providerOrgId'>, policy: BackupPolicy, createdAt: string): BackupScheduleItem {
  return newBackupSchedule({
    instanceId: instance.instanceId,
    providerOrgId: instance.providerOrgId,
    periodHours: policy.periodHours,
    retentionDays: policy.retentionDays,
    nextDueAt: firstSlot(createdAt, timingOf(policy)),
  });
}

export interface BackUpResult {
  /** Due entries read. */
  examined: number;
  /** Snapshots started (workflows handed over). */
  started: number;
  /** Slots skipped (instance not RUNNING). */
  skipped: number;
  /** Snapshots expired. */
  expired: number;
  /** Schedules removed (instance gone, no snapshot left). */
  removed: number;
  /** Entries that failed (logged; tried again next run). */
  failed: number;
  /** True when the cap stopped the run before every shard was read. */
  more: boolean;
}

export interface BackUpOptions {
  at: Date;
  maxPerRun?: number;
}

export async function backUpInstances(opts: BackUpOptions): Promise<BackUpResult> {
  const at = opts.at;
  const cap = opts.maxPerRun ?? BACKUP_JOB_LIMITS.maxPerRun;
  const result: BackUpResult = { examined: 0, started: 0, skipped: 0, expired: 0, removed: 0, failed: 0, more: false };
  for (let shard = 0; shard < BACKUP_SHARDS; shard++) {
    let pageToken: string | undefined;
    do {
      if (result.examined >= cap) {
        result.more = true;
        return result;
      }
      const page = await backupsDueBy(shard, at.toISOString(), { limit: Math.min(BACKUP_JOB_LIMITS.pageSize, cap - result.examined), pageToken });
      for (const listed of page.items) {
        result.examined++;
        try {
          const done = await backUpInstance(listed.instanceId, at);
          result.expired += done.expired;
          if (done.outcome === 'started') result.started++;
          else if (done.outcome === 'skipped') result.skipped++;
          else if (done.outcome === 'removed') result.removed++;
        } catch (e) {
          result.failed++;
          logger.warn('could not back up instance', { instanceId: listed.instanceId, error: e as Error });
        }
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return result;
}

export interface BackUpOne {
  outcome: 'started' | 'skipped' | 'removed' | 'waiting' | 'not-due';
  expired: number;
  snapshotId?: string;
}

/** One due schedule at `at` (see the module comment). Safe to run twice for the same slot. */
export async function backUpInstance(instanceId: string, at: Date): Promise<BackUpOne> {
  let expired = 0;
  return withRetry(async () => {
    const schedule = await getBackupSchedule(instanceId);
    if (!schedule || schedule.nextDueAt > at.toISOString()) return { outcome: 'not-due', expired };
    const timing = timingOf(schedule);
    const instance = await getResourceInstance(instanceId);
    expired += await expireSnapshots(instanceId, at, timing);
    const action = dueAction(instance);

    if (action === 'gone') {
      const left = await snapshotsOfInstance(instanceId, at);
      if (!left.length) {
        await commit({ deletes: [{ key: { pk: schedule.pk, sk: schedule.sk }, version: schedule.version }] });
        return { outcome: 'removed', expired };
      }
      // Wake again when the oldest one left expires (they are listed oldest first).
      const wake = new Date(Math.max(left[0].expiresAt * 1000, at.getTime() + 1000)).toISOString();
      await commit({ puts: [{ item: indexedSchedule(advance(schedule, { ...schedule, nextDueAt: wake, instanceDeleted: true })), expectVersion: schedule.version }] });
      return { outcome: 'waiting', expired };
    }

    const plan: TransactionPlan = {};
    await syncBackupTimes(instance!, at, plan);
    let snapshotId: string | undefined;
    if (action === 'snapshot') {
      snapshotId = snapshotIdFor(instanceId, schedule.nextDueAt);
      await startWorkflow(SNAPSHOT_WORKFLOW, {
        orgId: instance!.providerOrgId,
        executionName: snapshotId,
        subject: { instanceId },
        input: { instanceId, snapshotId, dueAt: schedule.nextDueAt },
      });
    }
    const next = nextSlotAfter(schedule.nextDueAt, timing.periodMs, at);
    plan.puts = [...(plan.puts ?? []), { item: indexedSchedule(advance(schedule, { ...schedule, nextDueAt: next })), expectVersion: schedule.version }];
    await commit(plan);
    return { outcome: action === 'snapshot' ? 'started' : 'skipped', expired, snapshotId };
  });
}

/** Deletes (one transaction) up to `expirePerInstance` of the instance's snapshots past retention; how many. */
async function expireSnapshots(instanceId: string, at: Date, timing: BackupTiming): Promise<number> {
  const old = await snapshotsCreatedBefore(instanceId, retentionCutoff(at, timing), BACKUP_JOB_LIMITS.expirePerInstance);
  if (!old.length) return 0;
  await commit({ deletes: old.map((s) => ({ key: { pk: s.pk, sk: s.sk }, version: s.version })) });
  return old.length;
}

/**
 * Adds to `plan` the instance's put when its backup times (lastBackupTime, earliestRestoreTime) no longer match
 * its unexpired snapshots (after an expiry, or a completion). Leaves `lastEvent` alone: no audit event.
 */
export async function syncBackupTimes(instance: ResourceInstanceItem, at: Date, plan: TransactionPlan): Promise<void> {
  if (!instance.backup) return;
  const times = backupTimes(await snapshotsOfInstance(instance.instanceId, at));
  const backup: InstanceBackup = { periodHours: instance.backup.periodHours, retentionDays: instance.backup.retentionDays, ...times };
  const was = instance.backup;
  if (was.lastBackupTime === backup.lastBackupTime && was.earliestRestoreTime === backup.earliestRestoreTime) return;
  plan.puts = [...(plan.puts ?? []), { item: advance(instance, { ...instance, backup }), expectVersion: instance.version }];
}
