/** services-orchestration-api and the services-orchestration workflow it starts. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { getServicesOrchestration } from '#shared/data/entities/services-orchestration.ts';
import { testCustomerSession } from '../../support/session.ts';
import { contractProblems } from '../../support/contract.ts';
import { waitForExecution } from '../../support/workflows.ts';
import { createO, deleteO, deployment, describeO, listO, modifyO, runEnded, twoServices, type TwoServices } from './fixtures.ts';

let s: TwoServices;

beforeAll(async () => {
  s = await twoServices();
}, 120_000);

afterEach(() => {
  delete process.env.ORCHESTRATION_MAX_POLLS;
});

/** Three deployments over two services: base (A) → mid (B, fed base's url) → top (B, fed mid's nodes, and base). */
const three = (mid: Record<string, unknown> = {}) => ({
  deployments: [
    deployment('top', s.b.path, { password: 'p-{{ aliases.mid.result_params.nodes }}' }, ['mid', 'base']),
    deployment('mid', s.b.path, { password: '{{ aliases.base.result_params.url }}', ...mid }, ['base']),
    deployment('base', s.a.path, { mode: 'fast' }),
  ],
});

async function accepted(doc: unknown): Promise<string> {
  const res = await createO(s.customer.token, doc);
  expect(res.status, res.body).toBe(202);
  expect(contractProblems('CreateServicesOrchestration', 202, res.json)).toEqual([]);
  expect(res.json.id).toMatch(/^so-[a-z0-9]+$/);
  return res.json.id as string;
}

/** Until the run ends: every deployment with an instance has all it depends on RUNNING (the order, observed). */
async function watchOrder(id: string): Promise<void> {
  for (;;) {
    const item = await getServicesOrchestration(id);
    if (!item || ['RUNNING', 'FAILED'].includes(item.status)) return;
    for (const d of item.deployments) {
      if (!d.instanceId) continue;
      for (const dep of d.dependsOn) expect(item.deployments.find((x) => x.alias === dep)?.status, `${d.alias} started before ${dep} ran`).toBe('RUNNING');
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CreateServicesOrchestration', () => {
  it('brings three deployments across two services up in dependency order, feeding outputs forward', async () => {
    const id = await accepted(three());
    await watchOrder(id);
    const done = await runEnded(id);
    expect(done!.status, JSON.stringify(done)).toBe('RUNNING');
    const res = await describeO(s.customer.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribeServicesOrchestration', 200, res.json)).toEqual([]);
    expect(res.json.ServicesTopology.map((d: { instanceDeploymentAlias: string }) => d.instanceDeploymentAlias)).toEqual(['base', 'mid', 'top']);
    for (const d of res.json.ServicesTopology) expect(d).toMatchObject({ status: 'RUNNING', instanceId: expect.stringMatching(/^instance-/) });
    const [base, mid, top] = res.json.ServicesTopology as { instanceId: string; serviceId: string; subscriptionId: string }[];
    expect(base).toMatchObject({ serviceId: s.a.plan.serviceId, subscriptionId: s.customer.subscriptionId });
    expect(mid).toMatchObject({ serviceId: s.b.plan.serviceId, subscriptionId: s.customer.subscriptionB, dependsOnDeployment: ['base'] });
    const [bi, mi, ti] = await Promise.all([base, mid, top].map((d) => getResourceInstance(d.instanceId)));
    expect(bi!.status).toBe('RUNNING');
    expect(mi!.requestParams.password).toBe(bi!.resultParams.url);
    expect(ti!.requestParams.password).toBe(`p-${mi!.resultParams.nodes}`);
    expect(res.json.resultParams.base.url).toBe(bi!.resultParams.url);
  }, 60_000);

  it('refuses a DSL that is not base64 YAML, or whose aliases, dependencies or references are wrong, naming the alias', async () => {
    const before = (await listO(s.customer.token)).json.length;
    const bad = async (doc: unknown, message: RegExp) => {
      const res = await createO(s.customer.token, doc);
      expect(res.status, res.body).toBe(400);
      expect(res.json.message).toMatch(message);
    };
    await bad('deployments: [', /not valid YAML/);
    await bad({ deployments: [] }, /at least one deployment/);
    await bad({ deployments: [{ ...deployment('x', s.a.path), plan: undefined }] }, /deployments\[x\]\.plan/);
    await bad({ deployments: [deployment('x', s.a.path), deployment('x', s.b.path)] }, /alias x is used by more than one/);
    await bad({ deployments: [deployment('x', s.a.path, {}, ['nope'])] }, /deployments\[x\]\.dependsOn names unknown alias nope/);
    await bad({ deployments: [deployment('x', s.a.path, {}, ['y']), deployment('y', s.a.path, {}, ['x'])] }, /cycle among x, y/);
    await bad({ deployments: [deployment('x', s.a.path, { password: '{{ aliases.y.result_params.url }}' }), deployment('y', s.a.path)] }, /deployments\[x\]\.requestParams\.password references y, which it does not depend on/);
    expect((await listO(s.customer.token)).json.length).toBe(before);

  }, 60_000);

  it('checks every deployment as CreateResourceInstance would: bad params and plans the subscriptions do not cover are a 400 naming the alias and key', async () => {
    const res = await createO(s.customer.token, { deployments: [deployment('ok', s.a.path), deployment('big', s.b.path, { size: 99 }, ['ok'])] });
    expect(res.status, res.body).toBe(400);
    expect(res.json.message).toMatch(/deployments\[big\]: body\.requestParams\.size/);
    const missing = await createO(s.customer.token, { deployments: [deployment('nopw', s.a.path, { password: '' })] });
    expect(missing.json.message).toMatch(/deployments\[nopw\]: body\.requestParams\.password is required/);
    const other = await testCustomerSession(s.a.provider, 'DEV');
    const { subscribed } = await import('../subscription/fixtures.ts');
    await subscribed(other.token, { provider: s.a.provider, serviceId: s.a.plan.serviceId, environmentId: s.a.plan.environmentId, auto: s.a.plan.productTierId, approval: '', unreleased: '' });
    const uncovered = await createO(other.token, { deployments: [deployment('mine', s.a.path), deployment('theirs', s.b.path)] });
    expect(uncovered.status, uncovered.body).toBe(400);
    expect(uncovered.json.message).toMatch(/deployments\[theirs\]: .*no ACTIVE subscription/);
    expect((await listO(other.token)).json).toEqual([]);
  }, 60_000);

  it('a failed deployment is reported with its alias and reason, and its dependents are not started', async () => {
    const id = await accepted(three({ simulatedFailure: 'no capacity left in us-east-1' }));
    const done = await runEnded(id);
    expect(done!.status).toBe('FAILED');
    const res = await describeO(s.customer.token, id);
    expect(contractProblems('DescribeServicesOrchestration', 200, res.json)).toEqual([]);
    expect(res.json.orchestrationFailedReason).toBe('deployment mid failed: no capacity left in us-east-1');
    const byAlias = Object.fromEntries(res.json.ServicesTopology.map((d: { instanceDeploymentAlias: string }) => [d.instanceDeploymentAlias, d]));
    expect(byAlias.base).toMatchObject({ status: 'RUNNING' });
    expect(byAlias.mid).toMatchObject({ status: 'FAILED', failedReason: 'no capacity left in us-east-1', instanceId: expect.any(String) });
    expect(byAlias.top).toMatchObject({ status: 'NOT_STARTED', statusMessage: 'not started: dependency mid is FAILED' });
    expect(byAlias.top.instanceId).toBeUndefined();
  }, 60_000);

  it('a run in which nothing changes for its poll bound fails as stalled, naming what was under way', async () => {
    process.env.ORCHESTRATION_MAX_POLLS = '1';
    const id = await accepted({ deployments: [deployment('slow', s.a.path)] });
    const done = await runEnded(id);
    expect(done).toMatchObject({ status: 'FAILED', orchestrationFailedReason: expect.stringMatching(/did not settle \(nothing changed in 1 polls\); still under way: slow \(DEPLOYING\)/) });
    expect(done!.deployments[0]).toMatchObject({ status: 'FAILED', failedReason: done!.orchestrationFailedReason });
  }, 60_000);
});

describe('DescribeServicesOrchestration', () => {
  it('another customer, or the provider, gets 404 for an orchestration it did not make; an unknown id is 404', async () => {
    const id = await accepted({ deployments: [deployment('solo', s.a.path)] });
    await runEnded(id);
    const other = await testCustomerSession(s.a.provider, 'DEV');
    for (const token of [other.token, s.a.provider.token]) expect((await describeO(token, id)).status).toBe(404);
    expect((await describeO(s.customer.token, 'so-nothere')).status).toBe(404);
  }, 60_000);
});

describe('ListServicesOrchestrations', () => {
  it("lists the caller's own orchestrations only, each valid against the reference", async () => {
    const res = await listO(s.customer.token);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListServicesOrchestrations', 200, res.json)).toEqual([]);
    expect(res.json.length).toBeGreaterThan(0);
    const other = await testCustomerSession(s.a.provider, 'DEV');
    expect((await listO(other.token)).json).toEqual([]);
  });
});

describe('ModifyServicesOrchestration', () => {
  it('adds, updates (through UpdateResourceInstance) and removes deployments; refuses a changed key, a bad DSL and other tenants', async () => {
    const id = await accepted({ deployments: [deployment('db', s.a.path), deployment('app', s.b.path, { mode: 'safe' }, ['db']), deployment('leaf', s.b.path, {}, ['app'])] });
    const first = await runEnded(id);
    expect(first!.status).toBe('RUNNING');
    const leafInstance = first!.deployments.find((d) => d.alias === 'leaf')!.instanceId!;
    const appInstance = first!.deployments.find((d) => d.alias === 'app')!.instanceId!;
    const other = await testCustomerSession(s.a.provider, 'DEV');
    expect((await modifyO(other.token, id, { deployments: [deployment('db', s.a.path)] })).status).toBe(404);
    const moved = await modifyO(s.customer.token, id, { deployments: [deployment('db', s.b.path)] });
    expect(moved.status).toBe(400);
    expect(moved.json.message).toMatch(/deployments\[db\]: the offering keys/);
    const res = await modifyO(s.customer.token, id, { deployments: [deployment('db', s.a.path), deployment('app', s.b.path, { mode: 'fast' }, ['db']), deployment('extra', s.a.path, {}, ['db'])] });
    expect(res.status, res.body).toBe(202);
    expect((await modifyO(s.customer.token, id, { deployments: [deployment('db', s.a.path)] })).status).toBe(409);
    const done = await runEnded(id);
    expect(done!.status, JSON.stringify(done!.deployments)).toBe('RUNNING');
    expect(done!.deployments.map((d) => d.alias).sort()).toEqual(['app', 'db', 'extra']);
    expect(await getResourceInstance(leafInstance)).toBeUndefined();
    expect((await getResourceInstance(appInstance))!.requestParams.mode).toBe('fast');
    expect(done!.deployments.find((d) => d.alias === 'extra')).toMatchObject({ status: 'RUNNING', instanceId: expect.any(String) });
  }, 60_000);
});

describe('DeleteServicesOrchestration', () => {
  it('deletes every instance, dependents first, then the orchestration; other tenants get 404', async () => {
    const id = await accepted({ deployments: [deployment('db', s.a.path), deployment('app', s.b.path, {}, ['db'])] });
    const up = await runEnded(id);
    const instances = up!.deployments.map((d) => d.instanceId!);
    const other = await testCustomerSession(s.a.provider, 'DEV');
    expect((await deleteO(other.token, id)).status).toBe(404);
    const res = await deleteO(s.customer.token, id);
    expect(res.status, res.body).toBe(202);
    const runId = (await getServicesOrchestration(id))!.runId;
    expect((await waitForExecution(runId, { timeoutMs: 60_000 })).status).toBe('SUCCEEDED');
    // Reverse order: every delete step of db's instance started after the last of app's.
    const { listDriverWorkOfInstance } = await import('../../support/instance-driver-work.ts');
    const deletes = async (i: string) => (await listDriverWorkOfInstance(i)).filter((w) => w.action === 'delete').map((w) => w.startedAt).sort();
    const [dbDeletes, appDeletes] = await Promise.all([deletes(instances[0]!), deletes(instances[1]!)]);
    expect(dbDeletes.length).toBeGreaterThan(0);
    expect(appDeletes.length).toBeGreaterThan(0);
    expect(dbDeletes[0]! >= appDeletes.at(-1)!).toBe(true);
    expect(await getServicesOrchestration(id)).toBeUndefined();
    for (const i of instances) expect(await getResourceInstance(i)).toBeUndefined();
    expect((await describeO(s.customer.token, id)).status).toBe(404);
  }, 60_000);
});
