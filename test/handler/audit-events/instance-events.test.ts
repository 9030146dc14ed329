/**
 * The instance audit lists over a real instance's events (created by the create workflow, projected by the
 * record-audit-events job): the customer's and the provider's view, filters, paging, the history of a deleted
 * instance, tenancy and bad input. ListAllAuditEvents narrowed to the instance reads the same listing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as forInstance } from '#functions/audit-events/list-audit-events-for-instance.ts';
import { operation as forInstanceOld } from '#functions/audit-events/deprecated-list-audit-events-for-instance.ts';
import { contractProblems } from '../../support/contract.ts';
import { invoke } from '../../support/invoke.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { projectAuditEvents } from '../../support/audit.ts';
import { created, instancePlan, remove, settled, subscriber, type InstancePlan } from '../resource-instance/fixtures.ts';
import { listEvents } from './fixtures.ts';

const events = (token: string, instanceId: string, query: Record<string, string> = {}) => invoke(forInstance, { token, params: { instanceId }, query });
const eventsOld = (token: string, instanceId: string, query: Record<string, string> = {}) => invoke(forInstanceOld, { token, params: { instanceId }, query });
type Ev = { id: string; eventType: string; eventSource: string; resourceInstanceId: string; subscriptionId: string; time: string };
const types = (res: { json: { events: Ev[] } }) => res.json.events.map((e) => e.eventType);

let ip: InstancePlan;
let c: TestSession & { subscriptionId: string };
let other: TestSession & { subscriptionId: string };
let stranger: TestSession;
let id: string;
beforeAll(async () => {
  ip = await instancePlan();
  [c, other, stranger] = await Promise.all([subscriber(ip), subscriber(ip), testSession('root', 'Stranger Org')]);
  id = await created(c.token, ip.path);
  expect((await settled(id))?.status).toBe('RUNNING');
  await projectAuditEvents();
}, 120_000);

describe('ListAuditEventsForInstance', () => {
  it("answers the instance's events newest first, to its customer and to its provider, in the reference's shape", async () => {
    const res = await events(c.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListAuditEventsForInstance', 200, res.json)).toEqual([]);
    expect(types(res)[types(res).length - 1]).toBe('InstanceCreateRequested');
    expect(types(res)[0]).toBe('InstanceRunning');
    // Every step of the deployment: one event per resource provisioned (the plan has three).
    expect(types(res).filter((t) => t === 'ResourceProvisioned')).toHaveLength(3);
    expect(res.json.events.every((e: Ev) => e.resourceInstanceId === id && e.subscriptionId === c.subscriptionId)).toBe(true);
    const times = res.json.events.map((e: Ev) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
    const provider = await events(ip.provider.token, id);
    expect(provider.status).toBe(200);
    expect(provider.json.ids).toEqual(res.json.ids);
  });

  it('narrows by event source and subscription, and pages with a signed token', async () => {
    expect(types(await events(c.token, id, { eventSourceTypes: 'Customer' }))).toEqual(['InstanceCreateRequested']);
    expect(types(await events(c.token, id, { eventSourceTypes: 'System' }))).toEqual([]);
    expect((await events(c.token, id, { subscriptionId: other.subscriptionId })).json.events).toEqual([]);
    const all = (await events(c.token, id)).json.ids as string[];
    expect(all.length).toBeGreaterThan(1);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await events(c.token, id, { pageSize: '1', ...(token ? { nextPageToken: token } : {}) });
      expect(page.status, page.body).toBe(200);
      seen.push(...page.json.ids);
      token = page.json.nextPageToken;
    } while (token);
    expect(seen).toEqual(all);
  });

  it("is 404 to another customer of the same provider, another provider, another portal type, and for an unknown id", async () => {
    const prod = await testCustomerSession(ip.provider, 'PROD');
    for (const token of [other.token, stranger.token, prod.token]) {
      const res = await events(token, id);
      expect(res.status, res.body).toBe(404);
      expect(res.json.message).toContain('resource instance');
    }
    expect((await events(c.token, 'instance-nosuchthing')).status).toBe(404);
  });

  it('refuses bad input with 400 naming the problem', async () => {
    const bad = async (instanceId: string, query: Record<string, string>, text: string) => {
      const res = await events(c.token, instanceId, query);
      expect(res.status, res.body).toBe(400);
      expect(res.json.message).toContain(text);
    };
    await bad('bad id!', {}, 'instanceId');
    await bad(id, { startDate: 'yesterday' }, 'startDate');
    await bad(id, { pageSize: '0' }, 'pageSize');
    await bad(id, { nextPageToken: 'forged.token' }, 'nextPageToken');
  });

  it("keeps a deleted instance's history readable to those who reached it, with its deletion", async () => {
    const gone = await created(c.token, ip.path);
    await settled(gone);
    expect((await remove(c.token, ip.path, gone)).status).toBeLessThan(300);
    expect(await settled(gone)).toBeUndefined();
    await projectAuditEvents();
    const res = await events(c.token, gone);
    expect(res.status, res.body).toBe(200);
    expect(types(res)).toContain('InstanceDeleteRequested');
    expect(types(res).filter((t) => t === 'ResourceDeprovisioned')).toHaveLength(3);
    expect(types(res)[0]).toBe('InstanceDeleted');
    expect((await events(other.token, gone)).status).toBe(404);
    expect((await events(stranger.token, gone)).status).toBe(404);
  });
});

describe('DeprecatedListAuditEventsForInstance', () => {
  it('answers the same list on the older path; 404 to another org; 400 for bad input', async () => {
    const res = await eventsOld(c.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DeprecatedListAuditEventsForInstance', 200, res.json)).toEqual([]);
    expect(res.json).toEqual((await events(c.token, id)).json);
    expect((await eventsOld(other.token, id)).status).toBe(404);
    expect((await eventsOld(c.token, id, { endDate: 'soon' })).status).toBe(400);
  });
});

describe('ListAllAuditEvents narrowed to an instance', () => {
  it("reads the instance's listing for its provider, and nothing of it for another provider", async () => {
    const res = await listEvents(ip.provider.token, { instanceID: id });
    expect(res.status, res.body).toBe(200);
    expect(res.json.ids).toEqual((await events(ip.provider.token, id)).json.ids);
    expect((await listEvents(stranger.token, { instanceID: id })).json.events).toEqual([]);
    expect((await listEvents(c.token, { instanceID: id })).json.ids).toEqual((await events(c.token, id)).json.ids);
    expect((await listEvents(other.token, { instanceID: id })).json.events).toEqual([]);
  });
});
