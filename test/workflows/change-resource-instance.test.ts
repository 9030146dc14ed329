/**
 * The change-resource-instance machine in-process (the worker's local runner, the real ASL and task modules):
 * each action's run (steps, resource order, driver work once per resource), an injected driver failure per
 * action with the end the domain decides (FAILED, or back to RUNNING), and idempotent steps.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDriverWork } from '#shared/data/entities/driver-work.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { markInstanceChanged, recordResourceChanged } from '#shared/use-cases/resource-instance/change-workflow.ts';
import { readDriverOutbox } from '#shared/drivers/callback.ts';
import { operation as reportOp } from '#functions/fleet/deployment-driver/report-deployment-work.ts';
import { invoke } from '../support/invoke.ts';
import { waitForExecution } from '../support/workflows.ts';
import {
  addCapacity,
  addDns,
  failover,
  instanceNow,
  lifecycleWorld,
  removeDns,
  restart,
  runningInstance,
  start,
  stop,
  update,
  type World,
} from '../handler/resource-instance/fixtures-lifecycle.ts';

let w: World;
beforeAll(async () => {
  w = await lifecycleWorld();
});
afterEach(() => {
  delete process.env.DRIVER_FAILURES;
  delete process.env.DEPLOYMENT_DRIVER_OVERRIDES;
});

/** The callback id of the work the callback driver published for `workId` (the local outbox). */
async function callbackOf(workId: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readDriverOutbox()).find((e) => e.work.workId === workId);
    if (found) return found.callbackId;
    if (Date.now() > deadline) throw new Error(`no work event for ${workId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs one action to its end: the execution record and the instance after it. */
async function run(id: string, act: () => Promise<{ status: number; body: string }>) {
  const res = await act();
  expect(res.status, res.body).toBe(202);
  const operationId = (await instanceNow(id)).activeOperation!.operationId;
  const execution = await waitForExecution(operationId, { timeoutMs: 20_000 });
  return { execution, operationId, item: await instanceNow(id) };
}

describe('change-resource-instance', () => {
  it('stop: plans, drives each resource dependents first, records each, settles STOPPED', async () => {
    const inst = await runningInstance(w);
    const { execution, operationId, item } = await run(inst.instanceId, () => stop(w, inst.instanceId));
    expect(execution.status, JSON.stringify(execution)).toBe('SUCCEEDED');
    const states = execution.steps.map((s) => s.state);
    expect(states[0]).toBe('PlanResourceChanges');
    expect(states).toEqual(expect.arrayContaining(['ChangeResource', 'RecordResourceChanged']));
    expect(states.at(-1)).toBe('MarkInstanceChanged');
    expect(item.status).toBe('STOPPED');
    // App (which depends on both) is stopped before Db and Cache.
    const works = await Promise.all([w.ids.app, w.ids.db, w.ids.cache].map((r) => getDriverWork(`${operationId}/${r}`)));
    expect(works.map((x) => x?.action)).toEqual(['stop', 'stop', 'stop']);
    expect(works[0]!.startedAt < works[1]!.startedAt && works[0]!.startedAt < works[2]!.startedAt).toBe(true);
  });

  it('start: dependencies first; App starts last', async () => {
    const inst = await runningInstance(w, { status: 'STOPPED' });
    const { execution, operationId, item } = await run(inst.instanceId, () => start(w, inst.instanceId));
    expect(execution.status).toBe('SUCCEEDED');
    expect(item.status).toBe('RUNNING');
    const [app, db, cache] = await Promise.all([w.ids.app, w.ids.db, w.ids.cache].map((r) => getDriverWork(`${operationId}/${r}`)));
    expect(app!.startedAt > db!.startedAt && app!.startedAt > cache!.startedAt).toBe(true);
  });

  it('update: the driver gets the resource\'s new values; the instance takes them at the end', async () => {
    const inst = await runningInstance(w);
    const { execution, operationId, item } = await run(inst.instanceId, () => update(w, inst.instanceId, { body: { requestParams: { size: 'large' } } }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(item.requestParams.size).toBe('large');
    expect((await getDriverWork(`${operationId}/${w.ids.app}`))!.work.parameters).toEqual({ size: 'large', password: 'secret-1' });
    expect((await getDriverWork(`${operationId}/${w.ids.db}`))!.work.parameters).toEqual({});
  });

  it('scale, failover and custom DNS drive only the instance\'s resource', async () => {
    const inst = await runningInstance(w);
    const scaled = await run(inst.instanceId, () => addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 1 } }));
    expect(await getDriverWork(`${scaled.operationId}/${w.ids.db}`)).toBeUndefined();
    expect((await getDriverWork(`${scaled.operationId}/${w.ids.app}`))!.work.replicas).toBe(3);
    const node = scaled.item.resources[w.ids.app]!.nodes[1]!.id;
    const failed = await run(inst.instanceId, () => failover(w, inst.instanceId, { body: { failedReplicaID: node } }));
    expect((await getDriverWork(`${failed.operationId}/${w.ids.app}`))!.work.details).toEqual({ failedReplicaID: node, failedReplicaAction: 'FAILOVER_AND_RESTART' });
    const dns = await run(inst.instanceId, () => addDns(w, inst.instanceId, { body: { customDNS: 'shop.example.com' } }));
    expect(dns.item.resources[w.ids.app]!.customDNS).toEqual({ dnsName: 'shop.example.com' });
    const removed = await run(inst.instanceId, () => removeDns(w, inst.instanceId));
    expect(removed.item.resources[w.ids.app]!.customDNS).toBeUndefined();
    expect(removed.item.status).toBe('RUNNING');
  });

  it('a failed stop ends FAILED (never STOPPED) with the failed resource and reason, in the facts too', async () => {
    process.env.DRIVER_FAILURES = 'db/stop=the volume would not detach';
    const inst = await runningInstance(w);
    const { execution, item } = await run(inst.instanceId, () => stop(w, inst.instanceId));
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('DeploymentFailed');
    expect(item.status).toBe('FAILED');
    expect(item.activeOperation).toBeUndefined();
    expect(item.failureReason).toBe('stop failed at resource Db: the volume would not detach');
    expect(item.resources[w.ids.db]).toMatchObject({ status: 'FAILED', failureReason: 'the volume would not detach' });
    expect(item.resources[w.ids.app]!.status).toBe('STOPPED');
    expect(item.lastEvent).toMatchObject({ eventType: 'InstanceStopFailed', eventSource: 'Workflow', resourceName: 'Db' });
    expect(item.lastEvent!.workflowFailures![0]!.message).toBe(item.failureReason);
  });

  it('a failed start, restart or update ends FAILED; an update keeps its old values', async () => {
    process.env.DRIVER_FAILURES = 'app/start=image pull failed;app/restart=crash loop;app/update=bad config';
    const stopped = await runningInstance(w, { status: 'STOPPED' });
    expect((await run(stopped.instanceId, () => start(w, stopped.instanceId))).item).toMatchObject({ status: 'FAILED', failureReason: 'start failed at resource App: image pull failed' });
    const a = await runningInstance(w);
    expect((await run(a.instanceId, () => restart(w, a.instanceId))).item).toMatchObject({ status: 'FAILED', failureReason: 'restart failed at resource App: crash loop' });
    const b = await runningInstance(w);
    const updated = (await run(b.instanceId, () => update(w, b.instanceId, { body: { requestParams: { size: 'large' } } }))).item;
    expect(updated).toMatchObject({ status: 'FAILED', failureReason: 'update failed at resource App: bad config' });
    expect(updated.requestParams.size).toBe('small');
  });

  it('a failed failover or custom DNS leaves the instance RUNNING as it was, with the reason', async () => {
    process.env.DRIVER_FAILURES = 'app/failover=no healthy replica in another zone;app/add-custom-dns=CNAME not found';
    const inst = await runningInstance(w);
    const fo = (await run(inst.instanceId, () => failover(w, inst.instanceId, { body: { failedReplicaID: 'app-0' } }))).item;
    expect(fo).toMatchObject({ status: 'RUNNING', failureReason: 'failover failed at resource App: no healthy replica in another zone' });
    const dns = (await run(inst.instanceId, () => addDns(w, inst.instanceId, { body: { customDNS: 'x.example.com' } }))).item;
    expect(dns).toMatchObject({ status: 'RUNNING', failureReason: 'custom DNS addition failed at resource App: CNAME not found' });
    expect(dns.resources[w.ids.app]!.customDNS).toBeUndefined();
    // The name the failed addition asked for is not held: another instance may take it.
    expect(await getItem(keys.customDnsGuard('x.example.com'))).toBeUndefined();
  });

  it('steps repeated after the operation ended change nothing (no write, no second event)', async () => {
    const inst = await runningInstance(w);
    const { operationId, item } = await run(inst.instanceId, () => restart(w, inst.instanceId));
    const details = { action: 'restart' as const };
    expect(await markInstanceChanged(w.provider.orgId, { instanceId: inst.instanceId, operationId, details })).toEqual({ status: 'RUNNING' });
    await expect(recordResourceChanged(w.provider.orgId, { instanceId: inst.instanceId, operationId, details, resourceId: w.ids.app, pending: [w.ids.app] })).rejects.toThrow(/no longer in progress/);
    expect((await instanceNow(inst.instanceId)).version).toBe(item.version);
  });

  it('with the callback driver, each resource waits for its report; a failure report ends the restart FAILED', async () => {
    process.env.DEPLOYMENT_DRIVER_OVERRIDES = `plan:${w.plan.productTierId}=callback`;
    const inst = await runningInstance(w);
    expect((await restart(w, inst.instanceId)).status).toBe(202);
    const operationId = (await instanceNow(inst.instanceId)).activeOperation!.operationId;
    const report = (workId: string, body: unknown) => callbackOf(workId).then((id) => invoke(reportOp, { token: w.provider.token, params: { callbackId: id }, body }));
    for (const r of [w.ids.db, w.ids.cache]) expect((await report(`${operationId}/${r}`, { outputs: { endpoint: `${r}.example.net` } })).status).toBe(200);
    expect((await report(`${operationId}/${w.ids.app}`, { failureReason: 'health check never passed' })).status).toBe(200);
    const execution = await waitForExecution(operationId, { timeoutMs: 20_000 });
    expect(execution.status).toBe('FAILED');
    const item = await instanceNow(inst.instanceId);
    expect(item).toMatchObject({ status: 'FAILED', failureReason: 'restart failed at resource App: health check never passed' });
    expect(item.resources[w.ids.db]!.outputs.endpoint).toBe(`${w.ids.db}.example.net`);
  });
});
