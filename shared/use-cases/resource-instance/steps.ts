/**
 * The steps of `create-resource-instance` and `delete-resource-instance` (one use case per Task state). Each
 * is idempotent: it acts only while the instance still runs the operation it was started for (its
 * `activeOperation.operationId`, the execution's name), a resource already recorded is not driven again, and
 * the driver work itself is recorded per `workId` by `driveResource`, so a retried or resumed step never
 * provisions twice. Writes are conditional on the version read (`withRetry` decides again on a lost race).
 */
import { commit, RaceLost, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { DeploymentFailed, InvalidState } from '#shared/errors.ts';
import { workflowFacts } from '#shared/use-cases/resource-instance/events.ts';
import { advance } from '#shared/data/store.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { soleRootCounter } from '#shared/data/entities/user.ts';
import { getVersionSet, versionSetKey } from '#shared/data/entities/tier-version-set.ts';
import {
  customDnsGuardsOf,
  getInstancedRootMark,
  getResourceInstance,
  instancedRootMarkKey,
  resourceInstanceEntry,
  resourceInstanceKey,
  subscriptionInstanceCounter,
  versionSetInstanceCounter,
  type InstanceResourceState,
  type ResourceInstanceItem,
} from '#shared/data/entities/resource-instance.ts';
import type { DriverAction, DriverOutcome, ResourceWork } from '#shared/drivers/driver.ts';
import { driverFailureReason, type DriveAnswer } from '#shared/domain/driver-work.ts';
import { endOperation } from '#shared/domain/resource-instance.ts';
import { deploymentLevels, evaluateOutputs } from '#shared/domain/instance-plan.ts';
import { driveResource, driverFailureOf, resourceWork, workIdOf } from '#shared/use-cases/drivers.ts';
import { releasedDefinition } from '#shared/use-cases/tier-version-set/release.ts';

const entryKey = (item: ResourceInstanceItem) => {
  const { pk, sk } = resourceInstanceEntry(item);
  return { pk, sk };
};

export interface OperationIds {
  instanceId: string;
  operationId: string;
}

/** The instance while it still runs `operationId`, else undefined (the step has nothing left to do). */
async function underOperation(ids: OperationIds, orgId: string): Promise<ResourceInstanceItem | undefined> {
  const item = await getResourceInstance(ids.instanceId);
  if (!item || item.providerOrgId !== orgId || item.activeOperation?.operationId !== ids.operationId) return undefined;
  return item;
}


/** Writes `change(item)` on the instance if it still runs the operation (undefined from `change`: nothing to write). */
async function updateInstance(ids: OperationIds, orgId: string, change: (item: ResourceInstanceItem) => ResourceInstanceItem | undefined): Promise<ResourceInstanceItem | undefined> {
  return withRetry(async () => {
    const item = await underOperation(ids, orgId);
    if (!item) return undefined;
    const next = change(item);
    if (!next) return item;
    const written = advance(item, next);
    await commit({ puts: [{ item: written, expectVersion: item.version }] });
    return written;
  });
}

/** Each resource of the instance's version set → the resources it depends on. */
async function dependenciesOf(item: ResourceInstanceItem): Promise<Map<string, string[]>> {
  const { definition } = await releasedDefinition(item.providerOrgId, item.serviceId, item.productTierId, item.tierVersion);
  return new Map(definition.resources.map((r) => [r.resource.resourceId, (r.resource.dependencies ?? []).map((d) => d.resourceId)]));
}

/** The levels of the instance's resources, dependencies first (create) or last (delete), as the Map reads them. */
async function levelsOf(item: ResourceInstanceItem, order: 'create' | 'delete'): Promise<{ resources: string[] }[]> {
  const deps = await dependenciesOf(item);
  const levels = deploymentLevels(Object.keys(item.resources).map((id) => ({ resourceId: id, dependsOn: deps.get(id) ?? [] })));
  return (order === 'create' ? levels : levels.reverse()).map((resources) => ({ resources }));
}

export async function planInstanceCreate(orgId: string, ids: OperationIds): Promise<{ levels: { resources: string[] }[] }> {
  const item = await underOperation(ids, orgId);
  return { levels: item ? await levelsOf(item, 'create') : [] };
}

export async function planInstanceDelete(orgId: string, ids: OperationIds): Promise<{ levels: { resources: string[] }[] }> {
  const item = await underOperation(ids, orgId);
  return { levels: item ? await levelsOf(item, 'delete') : [] };
}

function workOf(item: ResourceInstanceItem, r: InstanceResourceState, action: DriverAction, operationId: string): ResourceWork {
  // A restored instance's path resource is restored from its source (the snapshot, and the point in time), not created empty.
  const restore = action === 'create' && item.restoredFrom && r.resourceId === item.resourceId;
  return resourceWork(item, r, {
    workId: workIdOf(operationId, r.resourceId),
    action: restore ? 'restore' : action,
    // The request parameters are the path resource's input parameters (create.ts); the others get none of them.
    parameters: r.resourceId === item.resourceId ? item.requestParams : {},
    replicas: r.replicas,
    ...(restore ? { details: { ...item.restoredFrom } } : {}),
  });
}

/**
 * A resource is provisioned only once its dependencies are RUNNING, and deprovisioned only once its dependents
 * are DELETED. The Map over the levels already orders them; this holds even when an engine goes on with a
 * later level after an earlier one failed (the local engine starts a Map's queued iterations after its failure).
 */
async function assertNeighboursSettled(item: ResourceInstanceItem, r: InstanceResourceState, action: DriverAction, settled: InstanceResourceState['status']): Promise<void> {
  const deps = await dependenciesOf(item);
  const neighbours =
    action === 'delete'
      ? Object.keys(item.resources).filter((id) => (deps.get(id) ?? []).includes(r.resourceId))
      : (deps.get(r.resourceId) ?? []).filter((id) => item.resources[id]);
  const waiting = neighbours.map((id) => item.resources[id]!).filter((n) => n.status !== settled);
  if (waiting.length) {
    throw new InvalidState(`${r.name} waits for ${waiting.map((n) => `${n.name} (${n.status})`).join(', ')} to be ${settled} first`);
  }
}

/**
 * Drives one resource (`action`) unless it is already `settled`; a driver failure is recorded on the resource
 * (its `failureReason`) before the step fails, so the instance shows which resource failed and why. The answer
 * carries the `workId`: a callback driver's wait-for-report step (`Await…Report`) names the work by it.
 */
async function drive(orgId: string, ids: OperationIds & { resourceId: string }, action: DriverAction, settled: InstanceResourceState['status'], during: InstanceResourceState['status']): Promise<DriveAnswer & { workId: string }> {
  const workId = workIdOf(ids.operationId, ids.resourceId);
  const item = await underOperation(ids, orgId);
  const r = item?.resources[ids.resourceId];
  if (!item || !r || r.status === settled) return { done: true, waitSeconds: 0, workId };
  await assertNeighboursSettled(item, r, action, settled);
  if (r.status !== during) await updateInstance(ids, orgId, (i) => ({ ...i, resources: { ...i.resources, [r.resourceId]: { ...i.resources[r.resourceId]!, status: during } } }));
  try {
    return { ...(await driveResource(workOf(item, r, action, ids.operationId))), workId };
  } catch (e) {
    if (e instanceof DeploymentFailed) {
      await updateInstance(ids, orgId, (i) => ({
        ...i,
        resources: { ...i.resources, [r.resourceId]: { ...i.resources[r.resourceId]!, status: 'FAILED', failureReason: e.message } },
        ...workflowFacts(i, 'ResourceFailed', `resource ${r.name} failed: ${e.message}`, { resourceName: r.name, workflowFailures: [{ eventTime: new Date().toISOString(), message: e.message }] }),
      }));
    }
    throw e;
  }
}

export const provisionInstanceResource = (orgId: string, ids: OperationIds & { resourceId: string }) => drive(orgId, ids, 'create', 'RUNNING', 'DEPLOYING');
export const deprovisionInstanceResource = (orgId: string, ids: OperationIds & { resourceId: string }) => drive(orgId, ids, 'delete', 'DELETED', 'DELETING');

export interface ResourceStepFailure {
  Error: string;
  Cause: string;
}

/**
 * A failed or timed-out wait for a callback driver's report (`Record…Failure` inside the Map): the resource is
 * FAILED with the real reason (`driverFailureOf`: the automation's `failureReason`, or `no report from the
 * deployment automation within N s`), and the answer is the error the iteration fails with (its `Fail` state
 * reads it), so the instance's own failure recorder gets the same reason.
 */
async function recordResourceFailure(orgId: string, ids: OperationIds & { resourceId: string; workId: string; error: { Error?: string; Cause?: string } }): Promise<ResourceStepFailure> {
  const reason = await driverFailureOf(ids.workId, ids.error);
  await updateInstance(ids, orgId, (item) => {
    const r = item.resources[ids.resourceId];
    if (!r || (r.status === 'FAILED' && r.failureReason === reason)) return undefined;
    return {
      ...item,
      resources: { ...item.resources, [ids.resourceId]: { ...r, status: 'FAILED', failureReason: reason } },
      ...workflowFacts(item, 'ResourceFailed', `resource ${r.name} failed: ${reason}`, { resourceName: r.name, workflowFailures: [{ eventTime: new Date().toISOString(), message: reason }] }),
    };
  });
  const timedOut = ids.error.Error === 'States.Timeout' || ids.error.Error === 'DeploymentTimedOut';
  return { Error: timedOut ? 'DeploymentTimedOut' : ids.error.Error || 'DeploymentFailed', Cause: reason };
}

export const recordProvisionFailure = recordResourceFailure;
export const recordDeprovisionFailure = recordResourceFailure;

/** Records a resource's outcome (what the driver answered or reported); a repeat finds it recorded. */
async function recordResource(orgId: string, ids: OperationIds & { resourceId: string }, status: InstanceResourceState['status'], outcome: DriverOutcome | undefined): Promise<void> {
  await updateInstance(ids, orgId, (item) => {
    const r = item.resources[ids.resourceId];
    if (!r || r.status === status) return undefined;
    const { failureReason: _f, ...rest } = r;
    // Each resource's step is an event of its own, so the log shows the deployment's progress.
    const step = status === 'RUNNING' ? ['ResourceProvisioned', `resource ${r.name} is RUNNING`] : ['ResourceDeprovisioned', `resource ${r.name} was deprovisioned`];
    return {
      ...item,
      resources: {
        ...item.resources,
        [ids.resourceId]: { ...rest, status, outputs: outcome?.outputs ?? r.outputs, endpoints: outcome?.endpoints ?? r.endpoints, nodes: outcome?.nodes ?? r.nodes },
      },
      ...workflowFacts(item, step[0]!, step[1]!, { resourceName: r.name }),
    };
  });
}

export const recordResourceProvisioned = (orgId: string, ids: OperationIds & { resourceId: string; driver?: DriveAnswer | null }) =>
  recordResource(orgId, ids, 'RUNNING', ids.driver?.outcome);

export const recordResourceDeprovisioned = (orgId: string, ids: OperationIds & { resourceId: string }) => recordResource(orgId, ids, 'DELETED', { endpoints: [], nodes: [] });

/** The end of a create: result_params evaluated from the output parameters, RUNNING. */
export async function finishInstanceCreate(orgId: string, ids: OperationIds): Promise<{ status: string }> {
  const item = await underOperation(ids, orgId);
  if (!item) return { status: 'settled' };
  const { definition } = await releasedDefinition(item.providerOrgId, item.serviceId, item.productTierId, item.tierVersion);
  const parts = definition.resources.filter((r) => item.resources[r.resource.resourceId]).map((r) => ({ resourceId: r.resource.resourceId, outputParameters: r.outputParameters }));
  const written = await updateInstance(ids, orgId, (i) => {
    const resultParams = evaluateOutputs(parts, (id) => i.resources[id]?.outputs ?? {}, i.requestParams, i.resourceId);
    const ended = endOperation(i, ids.operationId, { ok: true });
    return ended && { ...ended, resultParams, ...workflowFacts(i, 'InstanceRunning', `instance ${i.instanceId} is RUNNING`) };
  });
  return { status: written?.status ?? 'settled' };
}

/** A failed create or delete: FAILED with the failed step's reason, on the instance and in its audit event. */
async function recordFailure(orgId: string, ids: OperationIds, error: { Error?: string; Cause?: string }, what: string): Promise<void> {
  const reason = driverFailureReason(error);
  const at = new Date().toISOString();
  await updateInstance(ids, orgId, (i) => {
    const ended = endOperation(i, ids.operationId, { ok: false, reason });
    const failed = Object.values(i.resources).find((r) => r.status === 'FAILED' && r.failureReason);
    const message = failed ? `${what} of instance ${i.instanceId} failed at ${failed.name}: ${reason}` : `${what} of instance ${i.instanceId} failed: ${reason}`;
    return ended && { ...ended, ...workflowFacts(i, 'InstanceFailed', message, { workflowFailures: [{ eventTime: at, message: reason }], ...(failed ? { resourceName: failed.name } : {}) }) };
  });
}

export const recordCreateFailure = (orgId: string, ids: OperationIds & { error: { Error?: string; Cause?: string } }) => recordFailure(orgId, ids, ids.error, 'create');
export const recordDeleteFailure = (orgId: string, ids: OperationIds & { error: { Error?: string; Cause?: string } }) => recordFailure(orgId, ids, ids.error, 'delete');

/**
 * The end of a delete, in one commit: the instance, its listing entry and its Idempotency-Key guard go, the
 * subscription's and version set's counts drop (the subscription's conditional on the version read: "was this
 * the last one" must hold when it commits), and with the subscription's last instance the sole-root count
 * its first one took is given back.
 */
export async function finishInstanceDelete(orgId: string, ids: OperationIds): Promise<{ status: string }> {
  return withRetry(async () => {
    const item = await underOperation(ids, orgId);
    if (!item || item.status !== 'DELETING') return { status: 'gone' };
    // The removal itself carries no facts: the event that says the instance is gone is written on it first.
    if (item.lastEvent?.eventType !== 'InstanceDeleted') {
      const marked = advance(item, { ...item, ...workflowFacts(item, 'InstanceDeleted', `instance ${item.instanceId} was deleted`) });
      await commit({ puts: [{ item: marked, expectVersion: item.version }] });
      throw new RaceLost();
    }
    const [sub, set, mark] = await Promise.all([
      getSubscription(item.subscriptionId),
      getVersionSet(item.providerOrgId, item.serviceId, item.productTierId, item.tierVersion).catch(() => undefined),
      getInstancedRootMark(item.subscriptionId),
    ]);
    const plan: TransactionPlan = {
      deletes: [{ key: resourceInstanceKey(item.instanceId), version: item.version }, { key: entryKey(item) }],
      // The instance's Idempotency-Key and the custom DNS names its resources hold are free again.
      guardsRemove: [...(item.idempotencyGuard ? [item.idempotencyGuard] : []), ...customDnsGuardsOf(item)],
      counters: [],
    };
    if (sub) plan.counters!.push({ ...subscriptionInstanceCounter(sub.subscriptionId, -1), expectVersion: sub.version });
    if (set) plan.counters!.push(versionSetInstanceCounter(versionSetKey(set.serviceId, set.productTierId, set.seq), -1));
    if (sub && mark && (sub.instanceCount ?? 0) <= 1) {
      plan.guardsRemove!.push(instancedRootMarkKey(sub.subscriptionId));
      plan.counters!.push(soleRootCounter({ orgId: mark.userOrgId, userId: mark.userId }, -1));
    }
    await commit(plan);
    return { status: 'gone' };
  });
}
