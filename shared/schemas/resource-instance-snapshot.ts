/**
 * Snapshots and restore of resource instances (resource-instance-api: ListResourceInstanceSnapshots,
 * RestoreResourceInstance, RestoreResourceInstanceFromSnapshot) and the instance's `backupStatus`. Wire names
 * follow the reference; the path parameters and the `{ id }` answer are the instance operations' own
 * (shared/schemas/resource-instance.ts).
 */
import { z } from 'zod';
import { Id, list, text } from '#shared/schemas/common.ts';
import { InstancePlanParams } from '#shared/schemas/resource-instance.ts';

/** How many snapshots one instance may hold at once (retention / period; docs/limits.md, "Instance snapshots"). */
export const SNAPSHOT_LIMITS = { perInstance: 10_000 } as const;

export const InstanceSnapshot = z
  .object({
    snapshotId: z.string().meta({ description: 'The snapshot id (`instance-ss-…`).' }),
    status: z.string().meta({ description: 'CREATING, COMPLETED or FAILED.' }),
    progress: z.number().int().meta({ description: 'How far the copy is, 0–100.' }),
    createdTime: z.string().meta({ description: 'When the snapshot was started (ISO 8601).' }),
    completeTime: z.string().meta({ description: 'When it completed or failed; empty while CREATING.' }),
    encrypted: z.boolean(),
  })
  .meta({ id: 'InstanceSnapshot' });

export const ListResourceInstanceSnapshotsResult = z
  .object({ snapshots: list(InstanceSnapshot, SNAPSHOT_LIMITS.perInstance).meta({ description: 'Newest first; every unexpired snapshot.' }) })
  .meta({ id: 'ListResourceInstanceSnapshotsResult' });

export const BackupStatus = z
  .object({
    backupPeriodInHours: z.number().int(),
    backupRetentionInDays: z.number().int(),
    lastBackupTime: z.string().optional().meta({ description: 'When the newest completed snapshot completed.' }),
    earliestRestoreTime: z.string().optional().meta({ description: 'The oldest time a point-in-time restore can reach.' }),
  })
  .meta({ id: 'BackupStatus' });

/** A restore time: ISO 8601, or the reference's `2021-09-01 00:00:00+00:00` form. */
const RestoreTime = text(64).min(1, 'must not be empty');

export const RestoreResourceInstanceRequest = z
  .object({
    targetRestoreTime: RestoreTime.meta({ description: 'The point in time to restore to, within the retention window.' }),
    network_type: text(64).optional(),
  })
  .meta({ id: 'RestoreResourceInstanceRequest2' });

export const RestoreResourceInstanceFromSnapshotRequest = z
  .object({ network_type: text(64).optional() })
  .meta({ id: 'RestoreResourceInstanceFromSnapshotRequest2' });

// ------------------------------------------------------------------ the snapshot-resource-instance workflow

const StepId = z.string().min(1).max(128);

/** What the backup job starts the workflow with, and what its steps pass on. */
export const SnapshotStepIds = z.object({ instanceId: StepId, snapshotId: StepId, dueAt: z.string().max(64) });

/** The drive step's answer as the ASL carries it (`$.driver`): only the outputs are read back. */
export const SnapshotDriverAnswer = z
  .object({ outcome: z.object({ outputs: z.record(z.string().max(256), z.string().max(4096)).optional() }).loose().optional() })
  .loose();

export const StepError = z.object({ Error: z.string().max(256), Cause: z.string().max(32_768).optional() });

/** RestoreResourceInstanceFromSnapshot's path: the plan resource and the snapshot. */
export const SnapshotRestoreParams = InstancePlanParams.extend({ snapshotId: Id });
