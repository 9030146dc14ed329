/**
 * ListResourceInstanceSnapshots, RestoreResourceInstance and RestoreResourceInstanceFromSnapshot
 * (docs/operations.md, "Backups and restore").
 *
 * - The list answers every unexpired snapshot of the instance, newest first, from its gsi1 listing (complete:
 *   the count is bounded by retention over period). The instance must be reachable by the caller (404 like
 *   missing otherwise), so once it is deleted its list is 404 too.
 * - A restore never changes the source: it creates a NEW instance of the same plan resource in the source's
 *   subscription, through CreateResourceInstance's own path (its checks, counters, limits and the
 *   `create-resource-instance` workflow), at the snapshot's version, placement and request parameters, with
 *   `restoredFrom` set; the workflow drives the path resource with the driver action `restore` and the source
 *   in `details`. Answers 202 `{ id }` of the new instance.
 *   - Point in time (RestoreResourceInstance): `targetRestoreTime` within [the oldest completed snapshot's
 *     completion, now] (400 naming the window otherwise); the newest completed snapshot at or before it is the
 *     base (`restoredFrom.snapshotId`), the driver replays to the time (`restoredFrom.targetRestoreTime`).
 *   - From a snapshot: the snapshot must be of the path's plan resource and reachable by the caller (404
 *     otherwise: another org's, another plan's, expired or missing), and COMPLETED (409). It works after its
 *     instance was deleted, until the snapshot's retention ends.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { getSnapshot, snapshotsOfInstance, type InstanceSnapshotItem } from '#shared/data/entities/instance-snapshot.ts';
import { parseRestoreTime, snapshotForRestoreTime, snapshotView } from '#shared/domain/instance-snapshot.ts';
import { callerReaches, instanceOfCaller, instanceTarget, type PlanKeys } from '#shared/use-cases/resource-instance/path.ts';
import { createResourceInstance } from '#shared/use-cases/resource-instance/create.ts';

type InstancePath = PlanKeys & { resourceKey: string };

export const SNAPSHOT_NOT_FOUND = 'snapshot';

export async function listResourceInstanceSnapshots(caller: Caller, params: InstancePath, query: { subscriptionId?: string }, id: string) {
  const { item } = await instanceOfCaller(caller, params, query, id);
  const snapshots = await snapshotsOfInstance(item.instanceId);
  return { snapshots: snapshots.reverse().map(snapshotView) };
}

/** The new instance from `snapshot` (plus a point in time), created as CreateResourceInstance creates one. */
function restoreFrom(caller: Caller, params: InstancePath, snapshot: InstanceSnapshotItem, body: { network_type?: string }, targetRestoreTime?: string) {
  const networkType = body.network_type ?? snapshot.networkType;
  return createResourceInstance(
    caller,
    params,
    { subscriptionId: snapshot.subscriptionId },
    { ...(networkType ? { network_type: networkType } : {}) },
    undefined,
    {
      restoredFrom: { instanceId: snapshot.instanceId, snapshotId: snapshot.snapshotId, ...(targetRestoreTime ? { targetRestoreTime } : {}) },
      tierVersion: snapshot.tierVersion,
      cloudProvider: snapshot.cloudProvider,
      region: snapshot.region,
      requestParams: snapshot.requestParams,
    },
  );
}

export async function restoreResourceInstance(
  caller: Caller,
  params: InstancePath,
  query: { subscriptionId?: string },
  id: string,
  body: { targetRestoreTime: string; network_type?: string },
): Promise<{ id: string }> {
  const target = parseRestoreTime(body.targetRestoreTime);
  const { item } = await instanceOfCaller(caller, params, query, id, { write: true });
  const now = new Date();
  const base = snapshotForRestoreTime(await snapshotsOfInstance(item.instanceId, now), target, now);
  return restoreFrom(caller, params, base, body, target.toISOString());
}

export async function restoreResourceInstanceFromSnapshot(
  caller: Caller,
  params: InstancePath,
  query: { subscriptionId?: string },
  snapshotId: string,
  body: { network_type?: string },
): Promise<{ id: string }> {
  const [target, snapshot] = await Promise.all([instanceTarget(caller, params, query, { write: true }), getSnapshot(snapshotId)]);
  if (
    !snapshot ||
    snapshot.productTierId !== target.productTierId ||
    snapshot.resourceId !== target.resource.resourceId ||
    (query.subscriptionId !== undefined && snapshot.subscriptionId !== query.subscriptionId) ||
    !(await callerReaches(caller, snapshot))
  ) {
    throw new NotFound(SNAPSHOT_NOT_FOUND);
  }
  if (snapshot.status !== 'COMPLETED') throw new InvalidState(`snapshot ${snapshotId} is ${snapshot.status}; a restore needs COMPLETED`);
  return restoreFrom(caller, params, snapshot, body);
}
