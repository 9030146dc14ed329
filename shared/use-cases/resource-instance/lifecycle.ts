/**
 * The in-place actions on a resource instance: StartResourceInstance, StopResourceInstance,
 * RestartResourceInstance, UpdateResourceInstance, AddCapacityToResourceInstance,
 * RemoveCapacityFromResourceInstance, FailoverResourceInstance, AddCustomDNSToResourceInstance and
 * RemoveCustomDNSFromResourceInstance. Each one, in the request:
 * 1. finds the instance the caller may change (shared/use-cases/resource-instance/path.ts: 404 for anything
 *    out of reach, 403 for a reader);
 * 2. checks the action may start from the instance's status (409 `invalid_state`) and its details (400 naming
 *    the field and the rule: capacity within the resource's limits, a replica of a multi-zone resource, a DNS
 *    name, modifiable parameters);
 * 3. commits the instance in its transitional status with the operation (`beginOperation`) and the request's
 *    audit facts, conditional on the version read — of two concurrent actions one wins, the other re-reads,
 *    finds the operation slot taken and answers 409;
 * 4. starts the `change-resource-instance` workflow (steps: ./change-workflow.ts), named by the operation id,
 *    and answers 202.
 * The rules (order of resources, end states, failures) are shared/domain/resource-instance-change.ts.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { instanceFacts } from '#shared/use-cases/resource-instance/events.ts';
import { customDnsGuard, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { assertTransition, beginOperation, newOperationId } from '#shared/domain/resource-instance.ts';
import { resolveRequestParams } from '#shared/domain/instance-plan.ts';
import {
  capacityTarget,
  CHANGE_EVENTS,
  customDnsName,
  failoverReplica,
  parameterChanges,
  type ChangeAction,
  type ChangeDetails,
} from '#shared/domain/resource-instance-change.ts';
import type {
  AddCapacityToResourceInstanceRequest,
  AddCustomDNSToResourceInstanceRequest,
  FailoverResourceInstanceRequest,
  InstanceParams,
  InstanceQuery,
  RemoveCapacityFromResourceInstanceRequest,
  UpdateResourceInstanceRequest,
} from '#shared/schemas/resource-instance.ts';
import { startWorkflow } from '#shared/workflows/start.ts';
import { actingUser, eventSourceOf } from '#shared/use-cases/subscription/common.ts';
import { instanceOfCaller } from '#shared/use-cases/resource-instance/path.ts';
import { releasedDefinition } from '#shared/use-cases/tier-version-set/release.ts';

export const CHANGE_WORKFLOW = 'change-resource-instance';

type Params = z.output<typeof InstanceParams>;
type Query = z.output<typeof InstanceQuery>;

/**
 * An update's changes against the input parameters of the instance's resource in the version it runs (its
 * request parameters are that resource's): unknown and non-modifiable keys are 400 (parameterChanges).
 */
async function checkedParameterChanges(item: ResourceInstanceItem, requested: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!Object.keys(requested).length) return {};
  const { definition } = await releasedDefinition(item.providerOrgId, item.serviceId, item.productTierId, item.tierVersion);
  const own = definition.resources.find((r) => r.resource.resourceId === item.resourceId)?.inputParameters ?? [];
  const changes = parameterChanges(item.requestParams, requested, own);
  // Each new value checked as a create checks it (type, options, limits).
  for (const [key, value] of Object.entries(changes)) {
    const resolved = resolveRequestParams(own.filter((p) => p.key === key), { [key]: value });
    if (key in resolved) changes[key] = resolved[key];
  }
  return changes;
}

/** The instance's main resource (the path's): what capacity, failover and custom DNS act on. */
function mainResource(item: ResourceInstanceItem) {
  const r = item.resources[item.resourceId];
  if (!r) throw new NotFound('resource of the instance');
  return r;
}

/**
 * Steps 1–4 for one action. `decide` checks the details against the instance as read (it runs again when the
 * write lost a race) and answers them, or undefined when there is nothing to change (an update naming only
 * current values: 202, nothing started).
 */
async function requestChange(
  caller: Caller,
  params: Params,
  query: Query,
  action: ChangeAction,
  decide: (item: ResourceInstanceItem) => ChangeDetails | undefined | Promise<ChangeDetails | undefined>,
  /** Values the change takes for the instance in the same commit (unique across instances: a 409 when taken). */
  holds: (details: ChangeDetails, item: ResourceInstanceItem) => Pick<TransactionPlan, 'guardsAdd'> = () => ({}),
): Promise<void> {
  const by = await actingUser(caller);
  const operationId = newOperationId();
  const started = await withRetry(async () => {
    const { item } = await instanceOfCaller(caller, params, query, params.id, { write: true });
    assertTransition(item, action);
    const details = await decide(item);
    if (!details) return undefined;
    const now = new Date();
    const next = advance(item, {
      ...beginOperation(item, action, by, now, operationId),
      ...instanceFacts(
        item,
        {
          eventSource: eventSourceOf(caller),
          eventType: CHANGE_EVENTS[action].requested,
          message: `${by.userName} asked for a ${CHANGE_EVENTS[action].noun} of instance ${item.instanceId}`,
          userId: by.userId,
          userName: by.userName,
        },
        now,
      ),
    });
    await commit({ puts: [{ item: next, expectVersion: item.version }], ...holds(details, item) });
    return { item: next, details };
  });
  if (!started) return;
  await startWorkflow(CHANGE_WORKFLOW, {
    orgId: started.item.providerOrgId,
    executionName: operationId,
    subject: { instanceId: started.item.instanceId },
    input: { instanceId: started.item.instanceId, operationId, details: started.details },
  });
}

export async function startResourceInstance(caller: Caller, params: Params, query: Query): Promise<void> {
  await requestChange(caller, params, query, 'start', () => ({ action: 'start' }));
}

export async function stopResourceInstance(caller: Caller, params: Params, query: Query): Promise<void> {
  await requestChange(caller, params, query, 'stop', () => ({ action: 'stop' }));
}

export async function restartResourceInstance(caller: Caller, params: Params, query: Query): Promise<void> {
  await requestChange(caller, params, query, 'restart', () => ({ action: 'restart' }));
}

/**
 * Changes parameter values (and the network type) of a RUNNING instance: only parameters of the version it
 * runs, only `modifiable` ones, each value checked as at create; keys it does not name keep their values, and
 * nothing new is filled in. The new values are the instance's once the workflow applied them to every resource.
 */
export async function updateResourceInstance(caller: Caller, params: Params, query: Query, body: z.output<typeof UpdateResourceInstanceRequest>): Promise<void> {
  await requestChange(caller, params, query, 'update', async (item) => {
    const changes = await checkedParameterChanges(item, body.requestParams ?? {});
    const networkType = body.network_type && body.network_type !== (item.networkType ?? 'PUBLIC') ? body.network_type : undefined;
    if (!Object.keys(changes).length && !networkType) return undefined;
    return { action: 'update', requestParams: changes, ...(networkType ? { networkType } : {}) };
  });
}

export async function addCapacityToResourceInstance(
  caller: Caller,
  params: Params,
  query: Query,
  body: z.output<typeof AddCapacityToResourceInstanceRequest>,
): Promise<void> {
  await requestChange(caller, params, query, 'scale', (item) => {
    const r = mainResource(item);
    return { action: 'scale', resourceId: r.resourceId, replicas: capacityTarget(r, body.capacityToBeAdded) };
  });
}

export async function removeCapacityFromResourceInstance(
  caller: Caller,
  params: Params,
  query: Query,
  body: z.output<typeof RemoveCapacityFromResourceInstanceRequest>,
): Promise<void> {
  await requestChange(caller, params, query, 'scale', (item) => {
    const r = mainResource(item);
    return { action: 'scale', resourceId: r.resourceId, replicas: capacityTarget(r, -body.capacityToBeRemoved) };
  });
}

export async function failoverResourceInstance(caller: Caller, params: Params, query: Query, body: z.output<typeof FailoverResourceInstanceRequest>): Promise<void> {
  await requestChange(caller, params, query, 'failover', (item) => {
    const r = mainResource(item);
    return {
      action: 'failover',
      resourceId: r.resourceId,
      failedReplicaId: failoverReplica(r, body.failedReplicaID),
      failedReplicaAction: body.failedReplicaAction ?? 'FAILOVER_AND_RESTART',
    };
  });
}

/** One custom DNS name per resource: 409 while one is set (remove it first). */
export async function addCustomDNSToResourceInstance(
  caller: Caller,
  params: Params,
  query: Query,
  body: z.output<typeof AddCustomDNSToResourceInstanceRequest>,
): Promise<void> {
  await requestChange(caller, params, query, 'add-custom-dns', (item) => {
    const r = mainResource(item);
    const dnsName = customDnsName(body.customDNS);
    if (r.customDNS) throw new InvalidState(`resource ${r.name} already has custom DNS ${r.customDNS.dnsName}; remove it first`);
    return { action: 'add-custom-dns', resourceId: r.resourceId, dnsName, ...(body.targetPort ? { targetPort: body.targetPort } : {}) };
  }, (details, item) => (details.action === 'add-custom-dns' ? { guardsAdd: [customDnsGuard(details.dnsName, item.instanceId)] } : {}));
}

/** 404 `custom DNS not found` when the resource has none. */
export async function removeCustomDNSFromResourceInstance(caller: Caller, params: Params, query: Query): Promise<void> {
  await requestChange(caller, params, query, 'remove-custom-dns', (item) => {
    const r = mainResource(item);
    if (!r.customDNS) throw new NotFound('custom DNS');
    return { action: 'remove-custom-dns', resourceId: r.resourceId };
  });
}
