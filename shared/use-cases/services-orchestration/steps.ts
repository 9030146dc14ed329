/**
 * The `services-orchestration` workflow's steps (statemachines/services-orchestration.asl.json): one loop of
 * AdvanceOrchestration → wait → AdvanceOrchestration until nothing is left to do. The wait grows (1, 2, 4, 8,
 * 16, then 30 s) over rounds in which nothing changed and starts again at 1 s after a round that changed
 * something, so a deep chain is not polled at the cap; the `poll` the state carries counts those idle rounds.
 * A run fails as stalled after ORCHESTRATION_MAX_POLLS idle rounds (about an hour), or past MAX_ROUNDS rounds
 * in all (the execution's history stays under Step Functions' 25,000 events), naming what had not settled.
 *
 * Each round reads the orchestration and, per deployment (shared/domain/services-orchestration.ts `nextStep`):
 * creates its instance through `createResourceInstance` once its dependencies are RUNNING (their outputs fed
 * into its `{{ aliases… }}` references; an Idempotency-Key of the orchestration, alias and run, so a retried
 * round finds the instance it created), applies a Modify's parameters through `updateResourceInstance`, deletes
 * an unwanted one through `deleteResourceInstance` once nothing depending on it still has an instance, polls
 * those under way, and marks NOT_STARTED those whose dependency failed. Then it records the round. When nothing
 * is left: the orchestration is RUNNING or FAILED (naming the first failed deployment) — or, for a delete with
 * every instance gone, removed. The steps act as the user who made the orchestration.
 */
import type { Caller, CustomerScope, Role } from '#shared/auth/caller.ts';
import { DomainError, InvalidState, NotFound } from '#shared/errors.ts';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import {
  getServicesOrchestration,
  orchestrationCounter,
  servicesOrchestrationKey,
  type OrchestrationDeployment,
  type ServicesOrchestrationItem,
} from '#shared/data/entities/services-orchestration.ts';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { checkParamsSize, clip, keptOutputs, nextStep, ORCHESTRATION_LIMITS, outcomeOf, pollWaitSeconds, referencesIn, resolveReferences } from '#shared/domain/services-orchestration.ts';
import { causeMessage } from '#shared/domain/workflow-execution.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';
import { createResourceInstance } from '#shared/use-cases/resource-instance/create.ts';
import { deleteResourceInstance } from '#shared/use-cases/resource-instance/instance.ts';
import { updateResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

/** Rounds in a row in which nothing changed before a run fails as stalled (about an hour at the 30 s cap); `ORCHESTRATION_MAX_POLLS` overrides. */
export function orchestrationMaxPolls(): number {
  const n = Number(process.env.ORCHESTRATION_MAX_POLLS);
  return Number.isInteger(n) && n > 0 ? n : 120;
}

/** Rounds of one run in all: about 10 history events each, under Step Functions' 25,000 per execution. */
export const MAX_ROUNDS = 2_000;

function callerOf(item: ServicesOrchestrationItem): Caller {
  const a = item.actor;
  return {
    userId: a.userId,
    orgId: a.orgId,
    role: a.role as Role,
    email: a.email,
    ...(a.customer ? { customer: a.customer as CustomerScope } : {}),
    jti: `orchestration-${item.orchestrationId}`,
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
}

const RUN_STATUS = { create: 'DEPLOYING', modify: 'MODIFYING', delete: 'DELETING' } as const;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A deployment FAILED with its reason and message held to the item's budget (docs/limits.md). */
function failed(d: OrchestrationDeployment, statusMessage: string, reason: string, extra: Partial<OrchestrationDeployment> = {}): OrchestrationDeployment {
  return { ...d, ...extra, status: 'FAILED', statusMessage: clip(statusMessage, ORCHESTRATION_LIMITS.statusMessageBytes), failedReason: clip(reason, ORCHESTRATION_LIMITS.failedReasonBytes) };
}

/**
 * The outputs `d`'s references read, from the instances of the deployments named (not the orchestration's
 * copy, which leaves out result_params too large to show).
 */
async function referencedOutputs(d: OrchestrationDeployment, all: OrchestrationDeployment[]): Promise<(alias: string) => Record<string, unknown> | undefined> {
  const aliases = new Set(Object.values(d.requestParams).flatMap((v) => referencesIn(v).map((r) => r.alias)));
  const outputs = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...aliases].map(async (a) => {
      const id = all.find((x) => x.alias === a)?.instanceId;
      const inst = id ? await getResourceInstance(id) : undefined;
      if (inst) outputs.set(a, inst.resultParams);
    }),
  );
  return (alias) => outputs.get(alias);
}

/** `d`'s request parameters with their references resolved, held to what the instance operation accepts. */
async function resolvedParams(d: OrchestrationDeployment, all: OrchestrationDeployment[], maxBytes: number): Promise<Record<string, unknown>> {
  const params = resolveReferences(d.requestParams, await referencedOutputs(d, all));
  checkParamsSize(params, 'requestParams (its references resolved)', maxBytes);
  return params;
}

/** One deployment's step, performed; answers the deployment as it is now. */
async function perform(caller: Caller, item: ServicesOrchestrationItem, d: OrchestrationDeployment, all: OrchestrationDeployment[]): Promise<OrchestrationDeployment> {
  const step = nextStep(d, all);
  const query = { subscriptionId: d.subscriptionId };
  switch (step) {
    case 'cancel': {
      const dep = d.dependsOn.map((a) => all.find((x) => x.alias === a)).find((x) => !x || x.status !== 'RUNNING');
      return { ...d, status: 'NOT_STARTED', pendingUpdate: undefined, statusMessage: clip(`not started: dependency ${dep?.alias ?? '?'} is ${dep?.status ?? 'missing'}`, ORCHESTRATION_LIMITS.statusMessageBytes) };
    }
    case 'forget':
      return { ...d, status: 'DELETED', statusMessage: 'removed (no instance was created)' };
    case 'create': {
      let params: Record<string, unknown>;
      try {
        params = await resolvedParams(d, all, ORCHESTRATION_LIMITS.deploymentParamsBytes);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return failed(d, 'create refused', message(e));
      }
      try {
        const { id } = await createResourceInstance(caller, d.keys, query, { cloud_provider: d.cloudProvider, region: d.region, requestParams: params }, `orchestration-${item.orchestrationId}-${d.alias}-${item.runId}`);
        return { ...d, status: 'DEPLOYING', instanceId: id, statusMessage: 'creating the instance', failedReason: undefined };
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return failed(d, 'create refused', e.message);
      }
    }
    case 'update': {
      let params: Record<string, unknown>;
      try {
        params = await resolvedParams(d, all, ORCHESTRATION_LIMITS.updateParamsBytes);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return failed(d, 'update refused', message(e), { pendingUpdate: undefined });
      }
      const inst = await getResourceInstance(d.instanceId!);
      if (!inst) return failed(d, 'instance gone', `instance ${d.instanceId} was deleted outside the orchestration`, { pendingUpdate: undefined });
      if (inst.activeOperation?.action === 'update') return { ...d, status: 'UPDATING', pendingUpdate: undefined, statusMessage: 'updating the instance' };
      // Against the instance's own values (what the last create or update applied).
      const changed = Object.fromEntries(Object.entries(params).filter(([k, v]) => canonicalJson(inst.requestParams[k]) !== canonicalJson(v)));
      if (!Object.keys(changed).length) return { ...d, pendingUpdate: undefined };
      try {
        await updateResourceInstance(caller, { ...d.keys, id: d.instanceId! }, query, { requestParams: changed });
        return { ...d, status: 'UPDATING', pendingUpdate: undefined, statusMessage: 'updating the instance' };
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return failed(d, 'update refused', e.message, { pendingUpdate: undefined });
      }
    }
    case 'delete': {
      const inst = await getResourceInstance(d.instanceId!);
      if (!inst) return { ...d, status: 'DELETED', statusMessage: 'deleted' };
      if (inst.status === 'DELETING') return { ...d, status: 'DELETING', statusMessage: 'deleting the instance' };
      if (inst.activeOperation) return d;
      try {
        await deleteResourceInstance(caller, d.keys, query, d.instanceId!);
        return { ...d, status: 'DELETING', statusMessage: 'deleting the instance' };
      } catch (e) {
        if (e instanceof NotFound) return { ...d, status: 'DELETED', statusMessage: 'deleted' };
        if (!(e instanceof DomainError)) throw e;
        return failed(d, 'delete refused', e.message, { deleteFailed: true });
      }
    }
    case 'poll': {
      const inst = await getResourceInstance(d.instanceId!);
      if (d.status === 'DELETING') {
        if (!inst) return { ...d, status: 'DELETED', statusMessage: 'deleted' };
        if (inst.status === 'FAILED') return failed(d, 'delete failed', inst.failureReason || inst.statusMessage || 'the delete failed', { deleteFailed: true });
        return d;
      }
      if (!inst) return failed(d, 'instance gone', `instance ${d.instanceId} was deleted outside the orchestration`);
      if (inst.status === 'RUNNING' && !inst.activeOperation) {
        const kept = keptOutputs(inst.resultParams);
        return { ...d, status: 'RUNNING', statusMessage: clip(kept.note ? `running; ${kept.note}` : 'running', ORCHESTRATION_LIMITS.statusMessageBytes), resultParams: kept.resultParams, failedReason: undefined };
      }
      if (inst.status === 'FAILED') return failed(d, 'instance failed', inst.failureReason || inst.statusMessage || 'the instance failed');
      return d;
    }
    default:
      return d;
  }
}

/** One round of the run (see the module comment); answers whether the run is done and how long to wait. */
export async function advanceOrchestration(orgId: string, input: { orchestrationId: string; runId: string; poll: number }): Promise<{ done: boolean; waitSeconds: number; poll: number }> {
  const finished = { done: true, waitSeconds: 0, poll: input.poll };
  return withRetry(async () => {
    const item = await getServicesOrchestration(input.orchestrationId);
    if (!item || item.orgId !== orgId || item.runId !== input.runId) return finished;
    if (!(item.status in { DEPLOYING: 1, MODIFYING: 1, DELETING: 1, PENDING: 1 })) return finished;
    const max = orchestrationMaxPolls();
    const rounds = item.polls ?? 0;
    if (input.poll >= max || rounds >= MAX_ROUNDS) {
      const open = item.deployments.filter((d) => nextStep(d, item.deployments) !== 'none').map((d) => `${d.alias} (${d.status})`);
      const why = input.poll >= max ? `nothing changed in ${max} polls` : `the run took ${MAX_ROUNDS} rounds`;
      throw new InvalidState(clip(`the orchestration did not settle (${why}); still under way: ${open.join(', ')}`, ORCHESTRATION_LIMITS.failedReasonBytes));
    }
    const caller = callerOf(item);
    const deployments = item.deployments.map((d) => ({ ...d }));
    // Passes until nothing changes, so a failure's NOT_STARTED reaches every dependent in one round.
    for (let pass = 0; pass <= deployments.length; pass++) {
      let changed = false;
      for (let i = 0; i < deployments.length; i++) {
        const before = deployments[i]!;
        const after = await perform(caller, item, before, deployments);
        if (canonicalJson(after) !== canonicalJson(before)) {
          deployments[i] = after;
          changed = true;
        }
      }
      if (!changed) break;
    }
    const open = deployments.some((d) => nextStep(d, deployments) !== 'none');
    if (!open) {
      if (item.action === 'delete' && deployments.every((d) => d.status === 'DELETED')) {
        await commit({ deletes: [{ key: servicesOrchestrationKey(item.orchestrationId), version: item.version }], counters: [orchestrationCounter(item.orgId, -1)] });
        return finished;
      }
      const kept = deployments.filter((d) => d.status !== 'DELETED');
      const outcome = outcomeOf(kept);
      await commit({ puts: [{ item: advance(item, { ...item, deployments: kept, status: outcome.status, orchestrationFailedReason: outcome.reason, polls: rounds + 1 }), expectVersion: item.version }] });
      return finished;
    }
    const idle = canonicalJson(deployments) === canonicalJson(item.deployments) ? input.poll + 1 : 0;
    await commit({ puts: [{ item: advance(item, { ...item, deployments, status: RUN_STATUS[item.action], polls: rounds + 1 }), expectVersion: item.version }] });
    return { done: false, waitSeconds: pollWaitSeconds(idle), poll: idle };
  });
}

/** The run failed (a timeout, an error no round could handle): the orchestration FAILED with the reason. */
export async function recordOrchestrationFailure(orgId: string, input: { orchestrationId: string; runId: string; error: { Error: string; Cause?: string } }): Promise<{ status: string }> {
  const reason = clip(causeMessage(input.error.Cause) || input.error.Error, ORCHESTRATION_LIMITS.failedReasonBytes);
  return withRetry(async () => {
    const item = await getServicesOrchestration(input.orchestrationId);
    if (!item || item.orgId !== orgId || item.runId !== input.runId || item.status === 'FAILED') return { status: 'gone' };
    const deployments = item.deployments.map((d): OrchestrationDeployment => {
      if (d.status === 'DEPLOYING' || d.status === 'UPDATING' || d.status === 'DELETING') return failed(d, 'the orchestration failed', reason);
      if (d.status === 'PENDING') return { ...d, status: 'NOT_STARTED', statusMessage: 'not started: the orchestration failed' };
      return d;
    });
    await commit({ puts: [{ item: advance(item, { ...item, deployments, status: 'FAILED', orchestrationFailedReason: reason }), expectVersion: item.version }] });
    return { status: 'FAILED' };
  });
}

