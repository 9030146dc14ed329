/**
 * services-orchestration-api: a customer deploys several instances, of one or more services, as one unit
 * (docs/orchestration-dsl.md). Create and Modify check the whole DSL before anything is recorded — the DSL's
 * own rules (shared/domain/services-orchestration.ts), then every deployment through `checkCreate`, the very
 * checks CreateResourceInstance makes (plan keys, the caller's ACTIVE subscription, request parameters,
 * cloud and region, payment) — a 400 naming the alias and the key. They record the orchestration and start
 * the `services-orchestration` workflow (steps.ts), which creates, updates and deletes the instances through
 * the instance use cases. Delete hands every deployment to the workflow to remove, dependents first.
 * Tenancy: an orchestration belongs to the org that made it; anyone else gets 404.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { BadRequest, DomainError, InvalidState, NotFound } from '#shared/errors.ts';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import {
  getServicesOrchestration,
  newServicesOrchestration,
  orchestrationCounter,
  servicesOrchestrationsOfOrg,
  type OrchestrationDeployment,
  type ServicesOrchestrationItem,
} from '#shared/data/entities/services-orchestration.ts';
import { deferredKeys, ORCHESTRATION_LIMITS, parseDsl, servicesOrchestrationView, type DslDeployment } from '#shared/domain/services-orchestration.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';
import { newLowerId } from '#shared/domain/ids.ts';
import { checkCreate } from '#shared/use-cases/resource-instance/create.ts';
import { startWorkflow } from '#shared/workflows/start.ts';

export const ORCHESTRATION_WORKFLOW = 'services-orchestration';
const NOT_FOUND = 'services orchestration';

const keysOf = (d: DslDeployment): OrchestrationDeployment['keys'] => ({
  serviceProviderId: d.serviceProviderId,
  serviceKey: d.service,
  serviceAPIVersion: d.serviceAPIVersion,
  serviceEnvironmentKey: d.environment,
  serviceModelKey: d.model,
  productTierKey: d.plan,
  resourceKey: d.resource,
});

/** One deployment checked as CreateResourceInstance would check it (references deferred); 400 naming the alias. */
async function checkedDeployment(caller: Caller, d: DslDeployment, field: string): Promise<OrchestrationDeployment> {
  const requestParams = d.requestParams ?? {};
  try {
    const c = await checkCreate(caller, keysOf(d), { subscriptionId: d.subscriptionId }, { cloud_provider: d.cloud_provider, region: d.region, requestParams }, { deferred: deferredKeys(requestParams) });
    return {
      alias: d.alias,
      keys: keysOf(d),
      serviceId: c.target.service.serviceId,
      subscriptionId: c.sub.subscriptionId,
      dependsOn: d.dependsOn ?? [],
      requestParams,
      cloudProvider: c.placement.cloudProvider,
      region: c.placement.region,
      want: 'present',
      status: 'PENDING',
    };
  } catch (e) {
    if (e instanceof DomainError) throw new BadRequest(`${field}: deployments[${d.alias}]: ${e.message}`);
    throw e;
  }
}

/** Every deployment checked (in parallel); the 400 is the first failing one's in dependency order. */
async function checkedDeployments(caller: Caller, parsed: DslDeployment[], field: string): Promise<OrchestrationDeployment[]> {
  const settled = await Promise.allSettled(parsed.map((d) => checkedDeployment(caller, d, field)));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<OrchestrationDeployment>).value);
}

function actorOf(caller: Caller): ServicesOrchestrationItem['actor'] {
  return { userId: caller.userId, orgId: caller.orgId, role: caller.role, email: caller.email, ...(caller.customer ? { customer: { ...caller.customer } } : {}) };
}

/** The orchestration if the caller's org made it (a customer: also through the same provider), else 404. */
async function orchestrationOfCaller(caller: Caller, id: string): Promise<ServicesOrchestrationItem> {
  const item = await getServicesOrchestration(id);
  if (!item || !reaches(caller, item)) throw new NotFound(NOT_FOUND);
  return item;
}

function reaches(caller: Caller, item: ServicesOrchestrationItem): boolean {
  return item.orgId === caller.orgId && item.actor.customer?.providerOrgId === caller.customer?.providerOrgId;
}

async function startRun(item: ServicesOrchestrationItem): Promise<void> {
  await startWorkflow(ORCHESTRATION_WORKFLOW, {
    orgId: item.orgId,
    executionName: item.runId,
    subject: { orchestrationId: item.orchestrationId },
    input: { orchestrationId: item.orchestrationId, runId: item.runId, progress: { poll: 0, done: false, waitSeconds: 0 } },
  });
}

export async function createServicesOrchestration(caller: Caller, body: { orchestrationCreateDSL: string }): Promise<{ id: string }> {
  const field = 'orchestrationCreateDSL';
  const parsed = parseDsl(body.orchestrationCreateDSL, field);
  const deployments = await checkedDeployments(caller, parsed, field);
  const item = newServicesOrchestration({ orchestrationId: newLowerId('so', 10), orgId: caller.orgId, actor: actorOf(caller), deployments, runId: newLowerId('orch', 16) });
  await withRetry(() => commit({ puts: [{ item }], counters: [orchestrationCounter(caller.orgId, 1)] }));
  await startRun(item);
  return { id: item.orchestrationId };
}

export async function describeServicesOrchestration(caller: Caller, id: string) {
  return servicesOrchestrationView(await orchestrationOfCaller(caller, id));
}

export async function listServicesOrchestrations(caller: Caller) {
  const items = await servicesOrchestrationsOfOrg(caller.orgId);
  return items.filter((i) => reaches(caller, i)).map(servicesOrchestrationView);
}

const SETTLED = new Set(['RUNNING', 'FAILED']);

function assertSettled(item: ServicesOrchestrationItem, what: string): void {
  if (!SETTLED.has(item.status)) throw new InvalidState(`services orchestration ${item.orchestrationId} is ${item.status}; ${what} once it is RUNNING or FAILED`);
}

/**
 * Modify: the new DSL is the whole wanted state. A new alias is created; an alias no longer there is deleted
 * (after whatever depends on it); an alias whose request parameters changed is updated through
 * UpdateResourceInstance; a NOT_STARTED one is tried again. An existing alias keeps its offering keys and
 * subscription (400 otherwise: remove it and add it under a new alias).
 */
export async function modifyServicesOrchestration(caller: Caller, id: string, body: { orchestrationModifyDSL: string }): Promise<void> {
  const field = 'orchestrationModifyDSL';
  const current = await orchestrationOfCaller(caller, id);
  assertSettled(current, 'modify it');
  const parsed = parseDsl(body.orchestrationModifyDSL, field);
  const before = new Map(current.deployments.map((d) => [d.alias, d]));
  const next: OrchestrationDeployment[] = [];
  const checkedAll = await checkedDeployments(caller, parsed, field);
  for (const [i, d] of parsed.entries()) {
    const checked = checkedAll[i]!;
    const old = before.get(d.alias);
    if (old?.want === 'absent') {
      throw new BadRequest(`${field}: deployments[${d.alias}]: an earlier modify removed this deployment and its instance${old.instanceId ? ` ${old.instanceId}` : ''} is not deleted yet (${old.failedReason ?? old.status}); add it under a new alias`);
    }
    if (!old) {
      next.push(checked);
      continue;
    }
    if (canonicalJson(old.keys) !== canonicalJson(checked.keys) || old.subscriptionId !== checked.subscriptionId) {
      throw new BadRequest(`${field}: deployments[${d.alias}]: the offering keys and subscription of an existing deployment cannot change; remove it and add it under a new alias`);
    }
    const paramsChanged = canonicalJson(old.requestParams) !== canonicalJson(checked.requestParams);
    const retried = old.status === 'NOT_STARTED';
    next.push({
      ...old,
      dependsOn: checked.dependsOn,
      requestParams: checked.requestParams,
      ...(retried ? { status: 'PENDING' as const, statusMessage: undefined } : {}),
      ...(paramsChanged && old.status === 'RUNNING' ? { pendingUpdate: true } : {}),
    });
  }
  const kept = new Set(parsed.map((d) => d.alias));
  // Removed ones keep only what deleting them needs: their request parameters and outputs leave the item.
  const removed = current.deployments
    .filter((d) => !kept.has(d.alias))
    .map(({ requestParams: _p, resultParams: _r, pendingUpdate: _u, ...d }) => ({ ...d, requestParams: {}, want: 'absent' as const }));
  if (next.length + removed.length > ORCHESTRATION_LIMITS.heldDeployments) {
    const left = removed.filter((d) => d.deleteFailed).map((d) => d.alias);
    throw new InvalidState(
      `services orchestration ${id} would hold ${next.length + removed.length} deployments, over ${ORCHESTRATION_LIMITS.heldDeployments} (${next.length} wanted, ${removed.length} to delete${left.length ? `, of which ${left.join(', ')} failed to delete before` : ''}); modify with fewer changes at once, or delete the orchestration`,
    );
  }
  await withRetry(async () => {
    const fresh = await orchestrationOfCaller(caller, id);
    if (fresh.version !== current.version) throw new InvalidState(`services orchestration ${id} changed while this modify was checked; retry`);
    const item = advance(fresh, { ...fresh, action: 'modify', status: 'MODIFYING', orchestrationFailedReason: undefined, deployments: [...next, ...removed.reverse()], runId: newLowerId('orch', 16), polls: 0 });
    await commit({ puts: [{ item, expectVersion: fresh.version }] });
    await startRun(item);
  });
}

/** Delete: every deployment's instance removed through DeleteResourceInstance, dependents first, then the orchestration. */
export async function deleteServicesOrchestration(caller: Caller, id: string): Promise<void> {
  await withRetry(async () => {
    const current = await orchestrationOfCaller(caller, id);
    if (current.status === 'DELETING') return;
    assertSettled(current, 'delete it');
    const deployments = [...current.deployments].reverse().map((d) => ({ ...d, want: 'absent' as const, pendingUpdate: undefined, deleteFailed: undefined }));
    const item = advance(current, { ...current, action: 'delete', status: 'DELETING', deployments, runId: newLowerId('orch', 16), polls: 0 });
    await commit({ puts: [{ item, expectVersion: current.version }] });
    await startRun(item);
  });
}
