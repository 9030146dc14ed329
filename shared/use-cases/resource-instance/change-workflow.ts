/**
 * The steps of the `change-resource-instance` workflow (statemachines/change-resource-instance.asl.json), one
 * use case per Task state. Input of every step: the instance id, the operation id (the execution's name) and
 * the action's details (shared/domain/resource-instance-change.ts).
 *
 *   PlanResourceChanges  → which resources, in which order (dependency order; reverse for stop)
 *   ChangeResource       → one resource's work through the driver port (driveResource: once per workId)
 *   (Wait | wait for the report: the drivers' pattern)
 *   RecordResourceChanged→ the resource's new state on the instance, the step's audit facts; what is left
 *   MarkInstanceChanged  → the settled status, the update's values, the operation slot freed
 *   RecordChangeFailure  → the failed action's end (FAILED, or back to RUNNING: statusAfterFailure), the reason
 *
 * Every step is idempotent: it acts only while the instance's `activeOperation` is this operation (a step of an
 * operation that ended changes nothing), writes conditional on the version it read, and a repeated
 * RecordResourceChanged that finds the resource already so writes nothing (no second audit event).
 */
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { workflowFacts } from '#shared/use-cases/resource-instance/events.ts';
import { customDnsGuardKey, getResourceInstance, type InstanceResourceState, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import type { DriverOutcome, ResourceWork } from '#shared/drivers/driver.ts';
import { driverFailureReason, type DriveAnswer } from '#shared/domain/driver-work.ts';
import {
  CHANGE_EVENTS,
  changeMessage,
  instanceAfterSuccess,
  resourceAfterFailure,
  resourceAfterStep,
  resourcesToChange,
  statusAfterFailure,
  type ChangeDetails,
} from '#shared/domain/resource-instance-change.ts';
import { evaluateOutputs } from '#shared/domain/instance-plan.ts';
import { releasedDefinition } from '#shared/use-cases/tier-version-set/release.ts';
import { driveResource, resourceWork, workIdOf } from '#shared/use-cases/drivers.ts';

export interface ChangeStepInput {
  instanceId: string;
  operationId: string;
  details: ChangeDetails;
}

/** What the loop carries: the resources still to change, first next. */
export interface ChangePlan {
  pending: string[];
  done: boolean;
}

const planOf = (pending: string[]): ChangePlan => ({ pending, done: pending.length === 0 });

/** The instance while it runs this operation (of the execution's org), or InvalidState (the operation ended). */
async function instanceInOperation(orgId: string, input: ChangeStepInput): Promise<ResourceInstanceItem> {
  const item = await getResourceInstance(input.instanceId);
  if (!item || item.providerOrgId !== orgId) throw new NotFound('resource instance');
  if (item.activeOperation?.operationId !== input.operationId) {
    throw new InvalidState(`operation ${input.operationId} is no longer in progress on instance ${input.instanceId}`);
  }
  return item;
}


/** The version the instance runs: its resources' dependencies and input parameters. */
async function runningDefinition(item: ResourceInstanceItem) {
  return (await releasedDefinition(item.providerOrgId, item.serviceId, item.productTierId, item.tierVersion)).definition;
}

/** PlanResourceChanges: the resources of the instance the action drives, in order. */
export async function planResourceChanges(orgId: string, input: ChangeStepInput): Promise<ChangePlan> {
  const item = await instanceInOperation(orgId, input);
  const definition = await runningDefinition(item);
  const held = new Set(Object.keys(item.resources));
  const nodes = definition.resources
    .filter((r) => held.has(r.resource.resourceId))
    .map((r) => ({ resourceId: r.resource.resourceId, dependsOn: r.resource.dependencies.map((d) => d.resourceId) }));
  // Resources of the instance the definition lacks (none, for a released version) still get their turn, last.
  for (const id of held) if (!nodes.some((n) => n.resourceId === id)) nodes.push({ resourceId: id, dependsOn: [] });
  return planOf(resourcesToChange(input.details, nodes));
}

/** The request parameters of one resource (its input parameters' keys), with an update's new values. */
function parametersOf(item: ResourceInstanceItem, details: ChangeDetails, keys: string[]): Record<string, unknown> {
  const values = details.action === 'update' ? { ...item.requestParams, ...details.requestParams } : item.requestParams;
  return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]]));
}

/** What the driver is asked to do to one resource. */
function workFor(item: ResourceInstanceItem, r: InstanceResourceState, input: ChangeStepInput, parameters: Record<string, unknown>): ResourceWork {
  const d = input.details;
  const details =
    d.action === 'failover'
      ? { failedReplicaID: d.failedReplicaId, failedReplicaAction: d.failedReplicaAction }
      : d.action === 'add-custom-dns'
        ? { dnsName: d.dnsName, ...(d.targetPort ? { targetPort: d.targetPort } : {}) }
        : d.action === 'remove-custom-dns'
          ? { dnsName: r.customDNS?.dnsName ?? '' }
          : undefined;
  return resourceWork(item, r, {
    workId: workIdOf(input.operationId, r.resourceId),
    action: d.action,
    parameters,
    replicas: d.action === 'scale' ? d.replicas : r.replicas,
    ...(details ? { details } : {}),
  });
}

/** ChangeResource: one resource's work, through the driver port (started once per operation and resource). */
export async function changeResource(orgId: string, input: ChangeStepInput & { resourceId: string }): Promise<DriveAnswer & { workId: string }> {
  const item = await instanceInOperation(orgId, input);
  const r = item.resources[input.resourceId];
  if (!r) throw new NotFound('resource of the instance');
  const definition = await runningDefinition(item);
  const keys = definition.resources.find((x) => x.resource.resourceId === r.resourceId)?.inputParameters.map((p) => p.key) ?? [];
  const work = workFor(item, r, input, parametersOf(item, input.details, keys));
  // The work id goes with the answer: the wait-for-report step (callback drivers) names the work by it.
  return { ...(await driveResource(work)), workId: work.workId };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** RecordResourceChanged: the resource as the driver left it, and the resources still to change. */
export async function recordResourceChanged(
  orgId: string,
  input: ChangeStepInput & { resourceId: string; outcome?: DriverOutcome; pending: string[] },
): Promise<ChangePlan> {
  const rest = input.pending.filter((id) => id !== input.resourceId);
  await withRetry(async () => {
    const item = await instanceInOperation(orgId, input);
    const r = item.resources[input.resourceId];
    if (!r) throw new NotFound('resource of the instance');
    const after = resourceAfterStep(r, input.details, input.outcome ?? {});
    const eventType = CHANGE_EVENTS[input.details.action].step;
    // A repeat of a step that was recorded: nothing to write (and no second event).
    if (sameJson(after, r) && item.lastEvent?.eventType === eventType && item.lastEvent.resourceName === r.name) return;
    const next = advance(item, {
      ...item,
      resources: { ...item.resources, [r.resourceId]: after },
      ...workflowFacts(item, eventType, `${CHANGE_EVENTS[input.details.action].noun} of resource ${r.name} done`, { resourceName: r.name }),
    });
    // A custom DNS name the resource no longer has is free for other instances again.
    const released = r.customDNS && !after.customDNS ? [customDnsGuardKey(r.customDNS.dnsName)] : [];
    await commit({ puts: [{ item: next, expectVersion: item.version }], guardsRemove: released });
  });
  return planOf(rest);
}

/** MarkInstanceChanged: the settled status (RUNNING, or STOPPED after a stop), the operation slot freed. */
export async function markInstanceChanged(orgId: string, input: ChangeStepInput): Promise<{ status: string }> {
  const found = await getResourceInstance(input.instanceId);
  const definition = found && found.providerOrgId === orgId ? await runningDefinition(found) : undefined;
  return withRetry(async () => {
    const item = await getResourceInstance(input.instanceId);
    if (!item || item.providerOrgId !== orgId) throw new NotFound('resource instance');
    // Already settled by an earlier run of this step.
    if (item.activeOperation?.operationId !== input.operationId) return { status: item.status };
    const { activeOperation: _done, failureReason: _cleared, ...rest } = item;
    const settled = instanceAfterSuccess(item, input.details);
    const main = 'resourceId' in input.details ? item.resources[input.details.resourceId] : undefined;
    // result_params again: outputs (and an update's parameters) may have changed.
    const parts = (definition?.resources ?? [])
      .filter((r) => item.resources[r.resource.resourceId])
      .map((r) => ({ resourceId: r.resource.resourceId, outputParameters: r.outputParameters }));
    const resultParams = parts.length ? evaluateOutputs(parts, (id) => item.resources[id]?.outputs ?? {}, settled.requestParams, item.resourceId) : item.resultParams;
    const next = advance(item, {
      ...rest,
      ...settled,
      resultParams,
      statusMessage: '',
      ...workflowFacts(item, CHANGE_EVENTS[input.details.action].done, changeMessage(input.details, main)),
    } as ResourceInstanceItem);
    await commit({ puts: [{ item: next, expectVersion: item.version }] });
    return { status: next.status };
  });
}

/**
 * RecordChangeFailure: the action failed at `pending[0]` (or before reaching a resource). The instance ends as
 * `statusAfterFailure` says, with the reason on it and on the failed resource, and the failure in its facts.
 */
export async function recordChangeFailure(
  orgId: string,
  input: ChangeStepInput & { pending?: string[]; error: { Error: string; Cause?: string }; driver?: { timeoutSeconds?: number } },
): Promise<{ status: string; reason: string }> {
  const detail = driverFailureReason(input.error, input.driver);
  return withRetry(async () => {
    const item = await getResourceInstance(input.instanceId);
    // Not this operation's (it never began, or its end is recorded): nothing to change.
    if (!item || item.providerOrgId !== orgId || item.activeOperation?.operationId !== input.operationId) return { status: item?.status ?? 'UNKNOWN', reason: detail };
    const action = input.details.action;
    const failedId = input.pending?.[0];
    const r = failedId ? item.resources[failedId] : undefined;
    const reason = `${CHANGE_EVENTS[action].noun} failed${r ? ` at resource ${r.name}` : ''}: ${detail}`;
    const status = statusAfterFailure(action);
    const { activeOperation: _done, ...rest } = item;
    const at = new Date().toISOString();
    const next = advance(item, {
      ...rest,
      status,
      statusMessage: `${action} failed`,
      failureReason: reason,
      resources: r ? { ...item.resources, [r.resourceId]: resourceAfterFailure(r, action, detail) } : item.resources,
      ...workflowFacts(item, CHANGE_EVENTS[action].failed, `${reason}; the instance is ${status}`, {
        ...(r ? { resourceName: r.name } : {}),
        workflowFailures: [{ eventTime: at, message: reason }],
      }),
    } as ResourceInstanceItem);
    // A custom DNS name that was not added is not held (the request took it).
    const released = input.details.action === 'add-custom-dns' ? [customDnsGuardKey(input.details.dnsName)] : [];
    await commit({ puts: [{ item: next, expectVersion: item.version }], guardsRemove: released });
    return { status, reason };
  });
}
