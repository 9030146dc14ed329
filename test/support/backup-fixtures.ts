/**
 * Instances and snapshots written straight into the table for the backup tests (the job, the snapshot
 * workflow): an instance item as the create workflow leaves it, with backups on and its schedule due when the
 * test says, and snapshots taken at given times. Unique ids per call; the job tests give slots in years long past
 * so that a job run "at" such a time sees only these schedules, never another test file's.
 */
import { randomBytes } from 'node:crypto';
import { commit } from '#shared/data/store.ts';
import { newResourceInstanceItem, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { newBackupSchedule, newSnapshot, type InstanceSnapshotItem } from '#shared/data/entities/instance-snapshot.ts';
import { snapshotSource } from '#shared/use-cases/resource-instance/snapshot-steps.ts';

export const hex = (n = 5) => randomBytes(n).toString('hex');

export interface InstanceFixture {
  status?: ResourceInstanceItem['status'];
  providerOrgId?: string;
  customerOrgId?: string;
  periodHours?: number;
  retentionDays?: number;
  /** The schedule's first slot (ISO); default 2999-01-01 (never due for a job test's run). */
  nextDueAt?: string;
  /** No schedule, no `backup`. */
  noBackups?: boolean;
}

export async function instanceWithBackups(f: InstanceFixture = {}): Promise<ResourceInstanceItem> {
  const instanceId = `instance-${hex(6)}`;
  const resourceId = `r-${hex(5)}`;
  const policy = { periodHours: f.periodHours ?? 2, retentionDays: f.retentionDays ?? 7 };
  const item = newResourceInstanceItem({
    instanceId,
    providerOrgId: f.providerOrgId ?? `org-${hex()}`,
    customerOrgId: f.customerOrgId ?? `org-${hex()}`,
    subscriptionId: `sub-${hex()}`,
    serviceId: `s-${hex()}`,
    environmentId: `se-${hex()}`,
    environmentType: 'DEV',
    serviceApiId: `sa-${hex()}`,
    serviceModelId: `sm-${hex()}`,
    productTierId: `pt-${hex()}`,
    resourceId,
    tierVersion: '1.0',
    cloudProvider: 'aws',
    region: 'us-east-1',
    requestParams: { size: 'small' },
    resultParams: {},
    status: f.status ?? 'RUNNING',
    resources: {
      [resourceId]: {
        resourceId,
        resourceKey: 'db',
        name: 'db',
        status: 'RUNNING',
        replicas: 1,
        minReplicas: 1,
        maxReplicas: 3,
        multiZone: false,
        outputs: {},
        endpoints: [],
        nodes: [],
      },
    },
    createdByUserId: 'user-1',
    createdByUserName: 'Ada',
    ...(f.noBackups ? {} : { backup: policy }),
  });
  const puts: { item: object & { pk: string; sk: string } }[] = [{ item }];
  if (!f.noBackups) {
    puts.push({ item: newBackupSchedule({ instanceId, providerOrgId: item.providerOrgId, ...policy, nextDueAt: f.nextDueAt ?? '2999-01-01T00:00:00.000Z' }) });
  }
  await commit({ puts });
  return item;
}

/** A snapshot of `instance` created at `createdTime`, COMPLETED then (or in `status`). */
export async function snapshotAt(
  instance: ResourceInstanceItem,
  createdTime: string,
  opts: { status?: InstanceSnapshotItem['status']; retentionDays?: number } = {},
): Promise<InstanceSnapshotItem> {
  const retentionDays = opts.retentionDays ?? instance.backup?.retentionDays ?? 7;
  const status = opts.status ?? 'COMPLETED';
  const base = newSnapshot(snapshotSource(instance), {
    snapshotId: `instance-ss-${hex(6)}`,
    dueAt: createdTime,
    retentionDays,
    retentionMs: retentionDays * 86_400_000,
    at: new Date(createdTime),
  });
  const item: InstanceSnapshotItem = status === 'CREATING' ? base : { ...base, status, progress: 100, completeTime: createdTime };
  await commit({ puts: [{ item }] });
  return item;
}
