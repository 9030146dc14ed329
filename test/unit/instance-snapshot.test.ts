/** The backup rules: policy, timing and overrides, slots, what a due slot does, restore windows, views. */
import { describe, expect, it } from 'vitest';
import {
  backupPolicyOf,
  backupStatusView,
  backupTimes,
  backupTiming,
  dueAction,
  firstSlot,
  nextSlotAfter,
  parseRestoreTime,
  retentionCutoff,
  snapshotForRestoreTime,
} from '#shared/domain/instance-snapshot.ts';
import { backupShardOf, snapshotIdFor } from '#shared/data/entities/instance-snapshot.ts';
import { BACKUP_SHARDS, keys } from '#shared/data/keys.ts';

const H = 3_600_000;

describe('backup policy and timing', () => {
  it('is on only with a backupConfiguration, from its numbers', () => {
    expect(backupPolicyOf({})).toBeUndefined();
    expect(backupPolicyOf({ backupConfiguration: { backupPeriodInHours: 2, backupRetentionInDays: 7 } })).toEqual({ periodHours: 2, retentionDays: 7 });
    // A compose spec's x-omnistrate-capabilities.backupConfiguration arrives as a capability.
    const capability = { capability: 'BACKUP_CONFIGURATION', configuration: { backupPeriodInHours: 1, backupRetentionInDays: 3 } };
    expect(backupPolicyOf({ capabilities: [capability] })).toEqual({ periodHours: 1, retentionDays: 3 });
    expect(backupPolicyOf({ capabilities: [{ capability: 'BACKUP_CONFIGURATION', configuration: {} }] })).toBeUndefined();
    expect(backupPolicyOf({ backupConfiguration: { backupPeriodInHours: 0, backupRetentionInDays: -3 } })).toEqual({ periodHours: 1, retentionDays: 1 });
  });

  it('takes the local overrides in minutes instead of the policy', () => {
    const p = { periodHours: 2, retentionDays: 7 };
    expect(backupTiming(p)).toEqual({ periodMs: 2 * H, retentionMs: 7 * 24 * H });
    expect(backupTiming(p, { periodMinutes: 1, retentionMinutes: 5 })).toEqual({ periodMs: 60_000, retentionMs: 300_000 });
  });
});

describe('slots', () => {
  const t = (iso: string) => new Date(iso);
  it('a schedule is first due one period after the instance was created', () => {
    expect(firstSlot('2026-01-01T00:00:00.000Z', { periodMs: 2 * H, retentionMs: 0 })).toBe('2026-01-01T02:00:00.000Z');
  });

  it('the next slot keeps the phase and skips what a late job missed', () => {
    const slot = '2026-01-01T02:00:00.000Z';
    expect(nextSlotAfter(slot, 2 * H, t('2026-01-01T02:00:00.000Z'))).toBe('2026-01-01T04:00:00.000Z');
    expect(nextSlotAfter(slot, 2 * H, t('2026-01-01T03:59:59.000Z'))).toBe('2026-01-01T04:00:00.000Z');
    expect(nextSlotAfter(slot, 2 * H, t('2026-01-01T09:30:00.000Z'))).toBe('2026-01-01T10:00:00.000Z');
    expect(nextSlotAfter(slot, 2 * H, t('2026-01-01T10:00:00.000Z'))).toBe('2026-01-01T12:00:00.000Z');
  });

  it('a due slot snapshots RUNNING instances only, and expires only once the instance is gone', () => {
    expect(dueAction({ status: 'RUNNING' })).toBe('snapshot');
    for (const status of ['DEPLOYING', 'STOPPING', 'STOPPED', 'FAILED', 'DELETING']) expect(dueAction({ status })).toBe('skip');
    expect(dueAction(undefined)).toBe('gone');
  });

  it('retention cuts off at now minus the retention', () => {
    expect(retentionCutoff(t('2026-01-08T00:00:00.000Z'), { retentionMs: 7 * 24 * H })).toBe('2026-01-01T00:00:00.000Z');
  });

  it('one snapshot id per instance and slot; shards stay in range', () => {
    const a = snapshotIdFor('instance-abc', '2026-01-01T02:00:00.000Z');
    expect(a).toMatch(/^instance-ss-[a-z0-9]{12}$/);
    expect(snapshotIdFor('instance-abc', '2026-01-01T02:00:00.000Z')).toBe(a);
    expect(snapshotIdFor('instance-abc', '2026-01-01T04:00:00.000Z')).not.toBe(a);
    expect(snapshotIdFor('instance-abd', '2026-01-01T02:00:00.000Z')).not.toBe(a);
    for (const id of ['instance-a', 'instance-b', 'instance-c', 'instance-d', 'instance-e']) {
      expect(backupShardOf(id)).toBeGreaterThanOrEqual(0);
      expect(backupShardOf(id)).toBeLessThan(BACKUP_SHARDS);
    }
  });

  it('the due range of a shard holds exactly the entries due by then', () => {
    const range = keys.backupsDueBy(1, '2026-01-01T02:00:00.000Z');
    const [from, to] = range.between!;
    const sk = (at: string) => keys.backupDueEntry(1, at, 'instance-zzz').gsi1sk;
    const inside = (s: string) => s >= from && s <= to;
    expect(inside(sk('2026-01-01T02:00:00.000Z'))).toBe(true);
    expect(inside(sk('2025-12-31T23:00:00.000Z'))).toBe(true);
    expect(inside(sk('2026-01-01T02:00:00.001Z'))).toBe(false);
    expect(keys.backupDueEntry(2, '2026-01-01T02:00:00.000Z', 'i').gsi1pk).not.toBe(range.partition);
  });
});

describe('restore', () => {
  const snap = (snapshotId: string, completeTime?: string, status = 'COMPLETED') => ({ snapshotId, status: status as 'COMPLETED', completeTime });
  const snaps = [snap('s1', '2026-01-01T02:00:00.000Z'), snap('s2', '2026-01-01T04:00:00.000Z'), snap('s3', undefined, 'CREATING'), snap('s4', '2026-01-01T05:00:00.000Z', 'FAILED')];
  const now = new Date('2026-01-01T05:30:00.000Z');

  it('parses ISO and the reference form, and names the field otherwise', () => {
    expect(parseRestoreTime('2021-09-01 00:00:00+00:00').toISOString()).toBe('2021-09-01T00:00:00.000Z');
    expect(parseRestoreTime('2021-09-01T01:02:03Z').toISOString()).toBe('2021-09-01T01:02:03.000Z');
    expect(() => parseRestoreTime('yesterday')).toThrow(/body.targetRestoreTime must be a date-time/);
  });

  it('starts from the newest completed snapshot at or before the target', () => {
    expect(snapshotForRestoreTime(snaps, new Date('2026-01-01T02:00:00.000Z'), now).snapshotId).toBe('s1');
    expect(snapshotForRestoreTime(snaps, new Date('2026-01-01T03:59:00.000Z'), now).snapshotId).toBe('s1');
    expect(snapshotForRestoreTime(snaps, new Date('2026-01-01T05:10:00.000Z'), now).snapshotId).toBe('s2');
  });

  it('refuses a time outside the window, naming it, and an instance with no completed backup', () => {
    expect(() => snapshotForRestoreTime(snaps, new Date('2026-01-01T01:00:00.000Z'), now)).toThrow(
      'body.targetRestoreTime must be within the restore window 2026-01-01T02:00:00.000Z to 2026-01-01T05:30:00.000Z',
    );
    expect(() => snapshotForRestoreTime(snaps, new Date('2026-01-01T06:00:00.000Z'), now)).toThrow(/restore window/);
    expect(() => snapshotForRestoreTime([snap('x', undefined, 'CREATING')], now, now)).toThrow('the instance has no completed backup to restore from');
  });

  it('backup times come from completed snapshots; the status view shows them', () => {
    expect(backupTimes(snaps)).toEqual({ lastBackupTime: '2026-01-01T04:00:00.000Z', earliestRestoreTime: '2026-01-01T02:00:00.000Z' });
    expect(backupTimes([])).toEqual({});
    expect(backupStatusView(undefined)).toBeUndefined();
    expect(backupStatusView({ periodHours: 2, retentionDays: 7, ...backupTimes(snaps) })).toEqual({
      backupPeriodInHours: 2,
      backupRetentionInDays: 7,
      lastBackupTime: '2026-01-01T04:00:00.000Z',
      earliestRestoreTime: '2026-01-01T02:00:00.000Z',
    });
  });
});
