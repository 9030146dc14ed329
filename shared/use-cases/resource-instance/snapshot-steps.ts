/**
 * The steps of the `snapshot-resource-instance` workflow (statemachines/snapshot-resource-instance.asl.json),
 * one use case per Task state. The backup job starts it with the snapshot id (derived from instance and slot)
 * as the execution name; the steps move the snapshot CREATING (0 %) → driver started (50 %) → COMPLETED (100 %),
 * or FAILED with the real reason. The copy itself is the deployment driver's work (action `snapshot` on the
 * instance's path resource, `details.snapshotId`), driven with the drivers' pattern: a done answer waits out
 * the simulated time, a callback driver's step waits for the automation's report.
 *
 * A snapshot does not take the instance's operation slot (`activeOperation`): it only reads the instance, so a
 * stop or an update may start while it runs; the copy step requires the instance RUNNING when it starts the
 * driver. Every step is idempotent: writes are conditional on the status they expect, the driver work is
 * claimed once per `workId` (`<snapshotId>/<resourceId>`).
 */
import { advance, commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import type { AuditEventInput } from '#shared/data/entities/audit-event.ts';
import { instanceFacts } from '#shared/use-cases/resource-instance/events.ts';
import { findSnapshot, newSnapshot, type InstanceSnapshotItem, type SnapshotSource } from '#shared/data/entities/instance-snapshot.ts';
import { getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import type { DriveAnswer } from '#shared/domain/driver-work.ts';
import type { ResourceWork } from '#shared/drivers/driver.ts';
import { driveResource, driverFailureOf, resourceWork, workIdOf } from '#shared/use-cases/drivers.ts';
import { timingOf } from '#shared/use-cases/resource-instance/backups.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';

export interface SnapshotIds {
  instanceId: string;
  snapshotId: string;
  /** The schedule slot it is taken for. */
  dueAt: string;
}

/** The instance of the execution's org, or 404. */
async function instanceOf(orgId: string, instanceId: string): Promise<ResourceInstanceItem> {
  const instance = await getResourceInstance(instanceId);
  if (!instance || instance.providerOrgId !== orgId) throw new NotFound('resource instance');
  return instance;
}

export function snapshotSource(i: ResourceInstanceItem): SnapshotSource {
  return {
    instanceId: i.instanceId,
    providerOrgId: i.providerOrgId,
    customerOrgId: i.customerOrgId,
    subscriptionId: i.subscriptionId,
    serviceId: i.serviceId,
    environmentId: i.environmentId,
    environmentType: i.environmentType,
    serviceApiId: i.serviceApiId,
    serviceModelId: i.serviceModelId,
    productTierId: i.productTierId,
    resourceId: i.resourceId,
    tierVersion: i.tierVersion,
    cloudProvider: i.cloudProvider,
    region: i.region,
    ...(i.networkType ? { networkType: i.networkType } : {}),
    requestParams: i.requestParams,
  };
}

function facts(s: SnapshotSource & { snapshotId: string }, event: Pick<AuditEventInput, 'eventSource' | 'eventType' | 'message' | 'workflowFailures'>, at: Date) {
  return instanceFacts(s, { userId: '', userName: '', ...event }, at);
}

/** BeginSnapshot: the snapshot item, CREATING at 0 % (once: a repeat finds it). */
export async function beginSnapshot(orgId: string, ids: SnapshotIds): Promise<{ snapshotId: string }> {
  return withRetry(async () => {
    if (await findSnapshot(ids.snapshotId)) return { snapshotId: ids.snapshotId };
    const instance = await instanceOf(orgId, ids.instanceId);
    const policy = instance.backup ?? { periodHours: 24, retentionDays: 7 };
    const at = new Date();
    const source = snapshotSource(instance);
    const item = newSnapshot(source, {
      snapshotId: ids.snapshotId,
      dueAt: ids.dueAt,
      retentionDays: policy.retentionDays,
      retentionMs: timingOf(policy).retentionMs,
      at,
      ...facts({ ...source, snapshotId: ids.snapshotId }, { eventSource: 'System', eventType: 'SnapshotStarted', message: `Snapshot ${ids.snapshotId} of instance ${ids.instanceId} started` }, at),
    });
    await commit({ puts: [{ item }] });
    return { snapshotId: ids.snapshotId };
  });
}

/** The driver's work for the snapshot: the instance's path resource, action `snapshot`. */
export function snapshotWork(s: InstanceSnapshotItem, instance: ResourceInstanceItem): ResourceWork {
  const resource = instance.resources[instance.resourceId];
  return resourceWork(
    instance,
    { resourceId: instance.resourceId, resourceKey: resource?.resourceKey ?? instance.resourceId, name: resource?.name ?? instance.resourceId },
    { workId: workIdOf(s.snapshotId, instance.resourceId), action: 'snapshot', parameters: instance.requestParams, replicas: resource?.replicas ?? 1, details: { snapshotId: s.snapshotId } },
  );
}

/** TakeSnapshot: starts the copy through the driver (once per workId) and marks the snapshot 50 %. */
export async function takeSnapshot(orgId: string, ids: Pick<SnapshotIds, 'instanceId' | 'snapshotId'>): Promise<DriveAnswer & { workId: string }> {
  const snapshot = await findSnapshot(ids.snapshotId);
  if (!snapshot || snapshot.providerOrgId !== orgId) throw new NotFound('snapshot');
  const instance = await instanceOf(orgId, ids.instanceId);
  const work = snapshotWork(snapshot, instance);
  if (snapshot.progress === 0 && instance.status !== 'RUNNING') {
    throw new InvalidState(`instance is ${instance.status}; a snapshot needs RUNNING`);
  }
  const answer = await driveResource(work);
  await withRetry(async () => {
    const current = await findSnapshot(ids.snapshotId);
    if (!current || current.status !== 'CREATING' || current.progress >= 50) return;
    await commit({ puts: [{ item: advance(current, { ...current, progress: 50 }), expectVersion: current.version }] });
  });
  return { ...answer, workId: work.workId };
}

/** RecordSnapshotCompleted: COMPLETED at 100 %, and the instance's lastBackupTime / earliestRestoreTime. */
export async function recordSnapshotCompleted(orgId: string, input: { snapshotId: string; driver?: { outcome?: { outputs?: Record<string, string> } } }): Promise<{ status: string }> {
  return withRetry(async () => {
    const current = await findSnapshot(input.snapshotId);
    if (!current || current.providerOrgId !== orgId) throw new NotFound('snapshot');
    if (current.status !== 'CREATING') return { status: current.status };
    const at = new Date();
    const completeTime = at.toISOString();
    const outputs = input.driver?.outcome?.outputs;
    const next = advance(current, {
      ...current,
      status: 'COMPLETED',
      progress: 100,
      completeTime,
      ...(outputs && Object.keys(outputs).length ? { outputs } : {}),
      ...facts(current, { eventSource: 'Workflow', eventType: 'SnapshotCompleted', message: `Snapshot ${current.snapshotId} of instance ${current.instanceId} completed` }, at),
    });
    const plan: TransactionPlan = { puts: [{ item: next, expectVersion: current.version }] };
    const instance = await getResourceInstance(current.instanceId);
    if (instance?.backup) {
      const backup = { ...instance.backup, lastBackupTime: completeTime, earliestRestoreTime: instance.backup.earliestRestoreTime ?? completeTime };
      plan.puts!.push({ item: advance(instance, { ...instance, backup }), expectVersion: instance.version });
    }
    await commit(plan);
    return { status: 'COMPLETED' };
  });
}

/** RecordSnapshotFailure: FAILED with the failed step's real reason (a snapshot never begun has nothing to mark). */
export async function recordSnapshotFailure(
  orgId: string,
  input: { snapshotId: string; error: { Error: string; Cause?: string } },
): Promise<{ status: string }> {
  return withRetry(async () => {
    const current = await findSnapshot(input.snapshotId);
    if (!current || current.providerOrgId !== orgId) return { status: 'NOT_BEGUN' };
    if (current.status !== 'CREATING') return { status: current.status };
    const at = new Date();
    // A driver step's timeout names its own timeout (the work record holds it); anything else is the real message.
    const reason = await driverFailureOf(workIdOf(current.snapshotId, current.resourceId), input.error);
    const next = advance(current, {
      ...current,
      status: 'FAILED',
      completeTime: at.toISOString(),
      failureReason: reason,
      ...facts(
        current,
        {
          eventSource: 'Workflow',
          eventType: 'SnapshotFailed',
          message: `Snapshot ${current.snapshotId} of instance ${current.instanceId} failed: ${reason}`,
          workflowFailures: [{ eventTime: at.toISOString(), message: reason }],
        },
        at,
      ),
    });
    await commit({ puts: [{ item: next, expectVersion: current.version }] });
    return { status: 'FAILED' };
  });
}
