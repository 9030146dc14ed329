/**
 * Issue 11's services orchestration walked over HTTP against the run's local stack (its workflows run there,
 * with the simulated driver answering at once): a customer subscribed to two services creates an orchestration
 * of three dependent deployments across them (base64 YAML, an output of the first fed into a later one's
 * parameter); it comes up in dependency order; a broken one reports the alias and the reason and its
 * dependents are not started; Modify adds one and removes one; Delete removes the instances dependents first;
 * another customer sees none of it. Every answer is checked against the reference. The plans and customer
 * come from the handler fixtures (written to the stack's DynamoDB); everything orchestrated goes over HTTP.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { API, http, type HttpResult } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testCustomerSession } from '../support/session.ts';
import { listDriverWorkOfInstance } from '../support/instance-driver-work.ts';
import { deployment, dsl, twoServices, type TwoServices } from '../handler/services-orchestration/fixtures.ts';
import type { PlanPath } from '../handler/resource-instance/fixtures.ts';

const BASE = `${API}/resource-instance/services-orchestration`;

let s: TwoServices;

beforeAll(async () => {
  s = await twoServices();
}, 120_000);

interface Topology {
  instanceDeploymentAlias: string;
  instanceId?: string;
  status: string;
  statusMessage?: string;
  failedReason?: string;
  dependsOnDeployment: string[];
  serviceId: string;
  subscriptionId: string;
}

/** Expects `status` and a body valid against the reference answer of `operation`. */
async function answered(operation: string, res: Promise<HttpResult>, status = 200): Promise<any> {
  const r = await res;
  expect(r.status, `${operation}: ${r.text}`).toBe(status);
  expect(contractProblems(operation, status, r.json), operation).toEqual([]);
  return r.json;
}

const create = (token: string, doc: unknown) => http('POST', BASE, { token, body: { orchestrationCreateDSL: dsl(doc) } });
const modify = (token: string, id: string, doc: unknown) => http('PATCH', `${BASE}/${id}`, { token, body: { orchestrationModifyDSL: dsl(doc) } });
const describeO = (token: string, id: string) => http('GET', `${BASE}/${id}`, { token });
const byAlias = (o: { ServicesTopology: Topology[] }) => Object.fromEntries(o.ServicesTopology.map((d) => [d.instanceDeploymentAlias, d]));

/** The instance over HTTP (DescribeResourceInstance), or undefined when it is 404. */
async function instance(token: string, path: PlanPath, id: string, subscriptionId: string): Promise<any> {
  const p = path;
  const r = await http('GET', `${API}/resource-instance/${p.serviceProviderId}/${p.serviceKey}/${p.serviceAPIVersion}/${p.serviceEnvironmentKey}/${p.serviceModelKey}/${p.productTierKey}/${p.resourceKey}/${id}?subscriptionId=${subscriptionId}`, { token });
  if (r.status === 404) return undefined;
  expect(r.status, r.text).toBe(200);
  expect(contractProblems('DescribeResourceInstance', 200, r.json)).toEqual([]);
  return r.json;
}

/**
 * Describes over HTTP until the orchestration is RUNNING or FAILED (or 404 when `gone`), checking on every
 * answer `each` (an invariant that must hold at every moment); answers the last description.
 */
async function until(token: string, id: string, each: (o: any) => void | Promise<void> = () => {}, opts: { gone?: boolean; timeoutMs?: number } = {}): Promise<any> {
  const end = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const r = await describeO(token, id);
    if (opts.gone && r.status === 404) return undefined;
    expect(r.status, r.text).toBe(200);
    expect(contractProblems('DescribeServicesOrchestration', 200, r.json)).toEqual([]);
    await each(r.json);
    if (!opts.gone && ['RUNNING', 'FAILED'].includes(r.json.status)) return r.json;
    if (Date.now() > end) throw new Error(`orchestration ${id} still ${r.json.status}: ${JSON.stringify(r.json.ServicesTopology)}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** No deployment has an instance before everything it depends on is RUNNING. */
function inOrder(o: { ServicesTopology: Topology[] }): void {
  const all = byAlias(o);
  for (const d of o.ServicesTopology) {
    if (!d.instanceId || ['NOT_STARTED', 'DELETING', 'DELETED'].includes(d.status)) continue;
    for (const dep of d.dependsOnDeployment) expect(all[dep]?.status, `${d.instanceDeploymentAlias} has an instance before ${dep} is RUNNING`).toBe('RUNNING');
  }
}

/** base (service A) → mid (service B, fed base's url) → top (service B, fed mid's node count, and base). */
const three = (mid: Record<string, unknown> = {}) => ({
  deployments: [
    deployment('base', s.a.path, { mode: 'fast' }),
    deployment('mid', s.b.path, { password: 'from-{{ aliases.base.result_params.url }}', ...mid }, ['base']),
    deployment('top', s.b.path, { password: '{{ aliases.mid.result_params.nodes }}' }, ['mid', 'base']),
  ],
});

let upId: string;

describe('services orchestration over HTTP (issue 11)', () => {
  it('comes up in dependency order across two services, the first deployment\'s output fed into a later one\'s parameter', async () => {
    const created = await answered('CreateServicesOrchestration', create(s.customer.token, three()), 202);
    upId = created.id;
    expect(upId).toMatch(/^so-[a-z0-9]+$/);
    const up = await until(s.customer.token, upId, inOrder);
    expect(up.status, JSON.stringify(up)).toBe('RUNNING');
    const d = byAlias(up);
    expect(Object.keys(d)).toEqual(['base', 'mid', 'top']);
    expect(d.base).toMatchObject({ serviceId: s.a.plan.serviceId, subscriptionId: s.customer.subscriptionId, status: 'RUNNING' });
    expect(d.mid).toMatchObject({ serviceId: s.b.plan.serviceId, subscriptionId: s.customer.subscriptionB, dependsOnDeployment: ['base'], status: 'RUNNING' });
    const [base, mid, top] = await Promise.all([
      instance(s.customer.token, s.a.path, d.base!.instanceId!, s.customer.subscriptionId),
      instance(s.customer.token, s.b.path, d.mid!.instanceId!, s.customer.subscriptionB),
      instance(s.customer.token, s.b.path, d.top!.instanceId!, s.customer.subscriptionB),
    ]);
    for (const i of [base, mid, top]) expect(i.status).toBe('RUNNING');
    // Created in dependency order.
    expect(base.created_at <= mid.created_at && mid.created_at <= top.created_at, `${base.created_at} ${mid.created_at} ${top.created_at}`).toBe(true);
    expect(up.resultParams.base.url).toBe(base.result_params.url);
    // The fed values, as the instances hold them (no instance answer shows request parameters).
    expect((await getResourceInstance(mid.id))!.requestParams.password).toBe(`from-${base.result_params.url}`);
    expect((await getResourceInstance(top.id))!.requestParams.password).toBe(String(mid.result_params.nodes));

    const listed = await answered('ListServicesOrchestrations', http('GET', BASE, { token: s.customer.token }));
    expect(listed.map((o: { id: string }) => o.id)).toContain(upId);
  }, 60_000);

  it('a broken deployment reports its alias and reason; its dependents are not started', async () => {
    const created = await answered('CreateServicesOrchestration', create(s.customer.token, three({ simulatedFailure: 'disk quota exceeded' })), 202);
    const done = await until(s.customer.token, created.id, inOrder);
    expect(done.status).toBe('FAILED');
    expect(done.orchestrationFailedReason).toBe('deployment mid failed: disk quota exceeded');
    const d = byAlias(done);
    expect(d.base).toMatchObject({ status: 'RUNNING' });
    expect(d.mid).toMatchObject({ status: 'FAILED', failedReason: 'disk quota exceeded', instanceId: expect.stringMatching(/^instance-/) });
    expect(d.top).toMatchObject({ status: 'NOT_STARTED', statusMessage: 'not started: dependency mid is FAILED' });
    expect(d.top!.instanceId).toBeUndefined();
    const failed = await instance(s.customer.token, s.b.path, d.mid!.instanceId!, s.customer.subscriptionB);
    expect(failed.status).toBe('FAILED');
    // A DSL error names the alias and the key, over HTTP too.
    const bad = await create(s.customer.token, { deployments: [deployment('solo', s.a.path, { size: 99 })] });
    expect(bad.status, bad.text).toBe(400);
    expect(contractProblems('CreateServicesOrchestration', 400, bad.json)).toEqual([]);
    expect(bad.json.message).toMatch(/deployments\[solo\]: body\.requestParams\.size/);
  }, 60_000);

  it('another customer gets 404 on describe, modify and delete, and lists none', async () => {
    const other = await testCustomerSession(s.a.provider, 'DEV');
    expect((await describeO(other.token, upId)).status).toBe(404);
    expect((await modify(other.token, upId, three())).status).toBe(404);
    expect((await http('DELETE', `${BASE}/${upId}`, { token: other.token })).status).toBe(404);
    expect(await answered('ListServicesOrchestrations', http('GET', BASE, { token: other.token }))).toEqual([]);
    expect((await describeO(s.a.provider.token, upId)).status).toBe(404);
  }, 60_000);

  it('Modify adds one deployment and removes another', async () => {
    const before = byAlias(await answered('DescribeServicesOrchestration', describeO(s.customer.token, upId)));
    const next = { deployments: [...three().deployments.slice(0, 2), deployment('extra', s.a.path, {}, ['base'])] };
    const res = await modify(s.customer.token, upId, next);
    expect(res.status, res.text).toBe(202);
    const done = await until(s.customer.token, upId, inOrder);
    expect(done.status, JSON.stringify(done)).toBe('RUNNING');
    const d = byAlias(done);
    expect(Object.keys(d).sort()).toEqual(['base', 'extra', 'mid']);
    expect(d.base!.instanceId).toBe(before.base!.instanceId);
    expect(d.mid!.instanceId).toBe(before.mid!.instanceId);
    expect((await instance(s.customer.token, s.a.path, d.extra!.instanceId!, s.customer.subscriptionId)).status).toBe('RUNNING');
    expect(await instance(s.customer.token, s.b.path, before.top!.instanceId!, s.customer.subscriptionB)).toBeUndefined();
  }, 60_000);

  it('Delete removes the instances dependents first, then the orchestration', async () => {
    const up = byAlias(await answered('DescribeServicesOrchestration', describeO(s.customer.token, upId)));
    const res = await http('DELETE', `${BASE}/${upId}`, { token: s.customer.token });
    expect(res.status, res.text).toBe(202);
    await until(s.customer.token, upId, inOrder, { gone: true });
    const ids = { base: up.base!.instanceId!, mid: up.mid!.instanceId!, extra: up.extra!.instanceId! };
    expect(await instance(s.customer.token, s.a.path, ids.base, s.customer.subscriptionId)).toBeUndefined();
    expect(await instance(s.customer.token, s.b.path, ids.mid, s.customer.subscriptionB)).toBeUndefined();
    expect(await instance(s.customer.token, s.a.path, ids.extra, s.customer.subscriptionId)).toBeUndefined();
    // Reverse order: base's delete work started after the last of its dependents' (mid, extra).
    const deletes = async (i: string) => (await listDriverWorkOfInstance(i)).filter((w) => w.action === 'delete').map((w) => w.startedAt).sort();
    const [b, m, e] = await Promise.all([deletes(ids.base), deletes(ids.mid), deletes(ids.extra)]);
    for (const x of [b, m, e]) expect(x.length).toBeGreaterThan(0);
    expect(b[0]! >= m.at(-1)! && b[0]! >= e.at(-1)!, `${b[0]} after ${m.at(-1)} and ${e.at(-1)}`).toBe(true);
    expect(await answered('ListServicesOrchestrations', http('GET', BASE, { token: s.customer.token }))).not.toContainEqual(expect.objectContaining({ id: upId }));
  }, 60_000);
});
