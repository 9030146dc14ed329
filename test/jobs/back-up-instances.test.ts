/**
 * The back-up-instances job: due selection (only schedules whose slot has passed, from the due index), what a
 * slot does per instance status, the period and its local override, expiry past retention, the instance
 * gone, and idempotence (two runs for the same slot take one snapshot). Schedules sit in years long past and
 * each test runs the job "at" its own earlier year, so no run sees another test's (or test file's) schedules.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler, job } from '#functions/jobs/back-up-instances.ts';
import { jobs } from '#functions/jobs/index.ts';
import { startScheduler } from '#infra/local/scheduler.ts';
import { backUpInstance } from '#shared/use-cases/resource-instance/backups.ts';
import { getBackupSchedule, getSnapshot, snapshotIdFor, snapshotsOfInstance } from '#shared/data/entities/instance-snapshot.ts';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { findExecution } from '#shared/data/entities/workflow-execution.ts';
import { commit } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { instanceWithBackups, snapshotAt } from '../support/backup-fixtures.ts';
import { waitForExecution } from '../support/workflows.ts';

const H = 3_600_000;
const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();
const runAt = (iso: string) => handler({ time: iso }) as Promise<{ examined: number; started: number; skipped: number; expired: number; removed: number; failed: number }>;

afterEach(() => {
  delete process.env.BACKUP_PERIOD_OVERRIDE_MINUTES;
});

describe('back-up-instances', () => {
  it('is scheduled every 5 minutes and may start the snapshot workflow', () => {
    expect(job.trigger).toEqual({ schedule: 'rate(5 minutes)' });
    expect(job.workflows).toEqual(['snapshot-resource-instance']);
  });

  it('snapshots exactly the RUNNING instances whose slot has passed, and moves their schedule one period on', async () => {
    const slot = '2009-03-01T00:00:00.000Z';
    const due = await instanceWithBackups({ nextDueAt: slot });
    const later = await instanceWithBackups({ nextDueAt: plus(slot, 2 * H) });
    const result = await runAt(plus(slot, 30 * 60_000));
    expect(result).toMatchObject({ examined: 1, started: 1, failed: 0 });

    const snapshotId = snapshotIdFor(due.instanceId, slot);
    expect((await waitForExecution(snapshotId)).status).toBe('SUCCEEDED');
    const snapshot = await getSnapshot(snapshotId);
    expect(snapshot).toMatchObject({ status: 'COMPLETED', progress: 100, instanceId: due.instanceId, dueAt: slot, encrypted: true });
    expect(snapshot!.completeTime).toBeTruthy();
    expect((await getResourceInstance(due.instanceId))!.backup).toEqual({
      periodHours: 2,
      retentionDays: 7,
      lastBackupTime: snapshot!.completeTime,
      earliestRestoreTime: snapshot!.completeTime,
    });
    expect((await getBackupSchedule(due.instanceId))!.nextDueAt).toBe(plus(slot, 2 * H));
    expect((await getBackupSchedule(later.instanceId))!.nextDueAt).toBe(plus(slot, 2 * H));
    expect(await snapshotsOfInstance(later.instanceId)).toEqual([]);
  });

  it('run twice for the same slot takes one snapshot; concurrent runs too', async () => {
    const slot = '2008-03-01T00:00:00.000Z';
    const a = await instanceWithBackups({ nextDueAt: slot });
    const at = plus(slot, 60_000);
    expect((await runAt(at)).started).toBe(1);
    expect(await runAt(at)).toMatchObject({ examined: 0, started: 0 });
    await waitForExecution(snapshotIdFor(a.instanceId, slot));

    const b = await instanceWithBackups({ nextDueAt: slot });
    const both = await Promise.all([backUpInstance(b.instanceId, new Date(at)), backUpInstance(b.instanceId, new Date(at))]);
    expect(both.map((r) => r.outcome).sort()).toEqual(['not-due', 'started']);
    await waitForExecution(snapshotIdFor(b.instanceId, slot));
    expect((await snapshotsOfInstance(b.instanceId)).map((s) => s.snapshotId)).toEqual([snapshotIdFor(b.instanceId, slot)]);
    expect((await findExecution(snapshotIdFor(b.instanceId, slot)))!.status).toBe('SUCCEEDED');
  });

  it('a job that was down takes one snapshot for the missed slots and keeps the phase; the local override sets the period', async () => {
    const slot = '2007-03-01T00:00:00.000Z';
    const late = await instanceWithBackups({ nextDueAt: slot, periodHours: 2 });
    const r = await backUpInstance(late.instanceId, new Date(plus(slot, 5 * H)));
    expect(r.outcome).toBe('started');
    expect((await getBackupSchedule(late.instanceId))!.nextDueAt).toBe(plus(slot, 6 * H));
    await waitForExecution(r.snapshotId!);

    process.env.BACKUP_PERIOD_OVERRIDE_MINUTES = '1';
    const quick = await instanceWithBackups({ nextDueAt: slot, periodHours: 2 });
    const q = await backUpInstance(quick.instanceId, new Date(plus(slot, 10_000)));
    expect((await getBackupSchedule(quick.instanceId))!.nextDueAt).toBe(plus(slot, 60_000));
    await waitForExecution(q.snapshotId!);
  });

  it('skips the slot of an instance that is not RUNNING', async () => {
    const slot = '2006-03-01T00:00:00.000Z';
    for (const status of ['STOPPED', 'DEPLOYING', 'FAILED'] as const) {
      const i = await instanceWithBackups({ nextDueAt: slot, status });
      expect((await backUpInstance(i.instanceId, new Date(plus(slot, 60_000)))).outcome).toBe('skipped');
      expect(await findExecution(snapshotIdFor(i.instanceId, slot))).toBeUndefined();
      expect((await getBackupSchedule(i.instanceId))!.nextDueAt).toBe(plus(slot, 2 * H));
    }
  });

  it('expires snapshots past retention and moves earliestRestoreTime up', async () => {
    const slot = '2005-03-01T00:00:00.000Z';
    const i = await instanceWithBackups({ nextDueAt: slot, retentionDays: 7, status: 'STOPPED' });
    const old1 = await snapshotAt(i, plus(slot, -10 * 24 * H));
    const old2 = await snapshotAt(i, plus(slot, -8 * 24 * H));
    const kept = await snapshotAt(i, plus(slot, -1 * 24 * H));
    const r = await backUpInstance(i.instanceId, new Date(plus(slot, 60_000)));
    expect(r).toMatchObject({ outcome: 'skipped', expired: 2 });
    const at = new Date(slot);
    expect((await snapshotsOfInstance(i.instanceId, at)).map((s) => s.snapshotId)).toEqual([kept.snapshotId]);
    expect(await getSnapshot(old1.snapshotId, at)).toBeUndefined();
    expect(await getSnapshot(old2.snapshotId, at)).toBeUndefined();
    expect((await getResourceInstance(i.instanceId))!.backup).toMatchObject({ lastBackupTime: kept.completeTime, earliestRestoreTime: kept.completeTime });
  });

  it('keeps the snapshots of a deleted instance until they expire, then removes the schedule', async () => {
    const slot = '2004-03-01T00:00:00.000Z';
    const i = await instanceWithBackups({ nextDueAt: slot, retentionDays: 7 });
    const snap = await snapshotAt(i, plus(slot, -24 * H));
    await commit({ deletes: [{ key: keys.resourceInstance(i.instanceId) }] });

    expect((await backUpInstance(i.instanceId, new Date(plus(slot, 60_000)))).outcome).toBe('waiting');
    const waiting = await getBackupSchedule(i.instanceId);
    expect(waiting).toMatchObject({ instanceDeleted: true, nextDueAt: new Date(snap.expiresAt * 1000).toISOString() });
    expect(await getSnapshot(snap.snapshotId, new Date(slot))).toBeDefined();

    const after = new Date(snap.expiresAt * 1000 + 1000);
    expect(await backUpInstance(i.instanceId, after)).toMatchObject({ outcome: 'removed', expired: 1 });
    expect(await getBackupSchedule(i.instanceId)).toBeUndefined();
  });

  it('through the local scheduler (runNow), with a one-minute period, an instance is backed up every minute', async () => {
    // The scheduler's tick passes the clock's time: set back to 1990, where only this test's schedule is due.
    process.env.BACKUP_PERIOD_OVERRIDE_MINUTES = '1';
    const scheduler = startScheduler({ jobs, enabled: false });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('1990-01-01T00:00:00.000Z'));
      const i = await instanceWithBackups({ nextDueAt: '1990-01-01T00:01:00.000Z', periodHours: 6 });
      vi.setSystemTime(new Date('1990-01-01T00:00:30.000Z'));
      expect(await scheduler.runNow('back-up-instances')).toMatchObject({ examined: 0, started: 0 });
      const taken: string[] = [];
      for (const minute of ['00:01:05', '00:02:10', '00:03:01']) {
        vi.setSystemTime(new Date(`1990-01-01T${minute}.000Z`));
        expect(await scheduler.runNow('back-up-instances')).toMatchObject({ examined: 1, started: 1 });
        taken.push(snapshotIdFor(i.instanceId, `1990-01-01T${minute.slice(0, 5)}:00.000Z`));
      }
      vi.useRealTimers();
      for (const id of taken) expect((await waitForExecution(id)).status).toBe('SUCCEEDED');
      expect((await getBackupSchedule(i.instanceId))!.nextDueAt).toBe('1990-01-01T00:04:00.000Z');
      expect((await snapshotsOfInstance(i.instanceId, new Date('1990-01-01T00:05:00.000Z'))).map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
      // Leave nothing due for the other tests' runs.
      await commit({ deletes: [{ key: keys.backupSchedule(i.instanceId) }] });
    } finally {
      vi.useRealTimers();
      await scheduler.stop();
    }
  });
});
