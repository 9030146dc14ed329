/**
 * audit-events-api on DynamoDB Local, over events written by real operations (customers' subscriptions): the provider's log, a customer's own view, one event by id (both paths), a plan's
 * events addressed by keys (both paths); tenancy across providers, customers and portal environment types; bad
 * input. Paging and time windows across months: audit-log-range.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { devCustomer, offering, subscribed, type Offering } from '../subscription/fixtures.ts';
import { describeEv, describeEvOld, listEvents, planEvents, planEventsOld, planKeys, type PlanKeys } from './fixtures.ts';
import { projectAuditEvents } from '../../support/audit.ts';

let o: Offering;
let a: TestSession;
let b: TestSession;
let subA: string;
let subB: string;
let keys: PlanKeys;
let stranger: TestSession;
beforeAll(async () => {
  o = await offering();
  [a, b, stranger] = await Promise.all([devCustomer(o), devCustomer(o), testSession('root', 'Stranger Org')]);
  subA = await subscribed(a.token, o);
  subB = await subscribed(b.token, o);
  keys = await planKeys(o, o.auto);
  await projectAuditEvents();
}, 90_000);

type Ev = { id: string; subscriptionId: string; eventType: string; time: string; orgId: string; eventSource: string };
const created = (events: Ev[]) => events.filter((e) => e.eventType === 'SubscriptionCreated').map((e) => e.subscriptionId);

describe('ListAllAuditEvents', () => {
  it("answers the provider's log, every customer's events, newest first, in the reference's shape", async () => {
    const res = await listEvents(o.provider.token);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListAllAuditEvents', 200, res.json)).toEqual([]);
    expect(created(res.json.events)).toEqual([subB, subA]);
    expect(res.json.ids).toEqual(res.json.events.map((e: Ev) => e.id));
    const times = res.json.events.map((e: Ev) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
    const ev = res.json.events.find((e: Ev) => e.subscriptionId === subA);
    expect(ev).toMatchObject({ orgId: a.orgId, orgName: 'Customer Org', eventSource: 'Customer', userId: a.userId, resourceInstanceId: '', workflowFailures: [] });
  });

  it("answers a customer only its own org's events", async () => {
    const res = await listEvents(a.token);
    expect(res.status, res.body).toBe(200);
    expect(created(res.json.events)).toEqual([subA]);
    expect(res.json.events.every((e: Ev) => e.orgId === a.orgId)).toBe(true);
  });

  it('shows another provider, and a customer of another portal type, none of them', async () => {
    const other = await listEvents(stranger.token);
    expect(other.status).toBe(200);
    expect(other.json.events.filter((e: Ev) => [subA, subB].includes(e.subscriptionId))).toEqual([]);
    const prod = await testCustomerSession(o.provider, 'PROD');
    expect((await listEvents(prod.token)).json.events).toEqual([]);
    // A customer asking for another environment type than its portal's gets nothing, not that type's events.
    expect((await listEvents(a.token, { environmentType: 'PROD' })).json.events).toEqual([]);
  });

  it('narrows by service, environment type, event source and instance', async () => {
    expect(created((await listEvents(o.provider.token, { serviceID: o.serviceId })).json.events)).toEqual([subB, subA]);
    expect((await listEvents(o.provider.token, { serviceID: 's-unknown' })).json.events).toEqual([]);
    expect(created((await listEvents(o.provider.token, { environmentType: 'DEV' })).json.events)).toEqual([subB, subA]);
    expect(created((await listEvents(o.provider.token, { environmentType: 'PROD' })).json.events)).toEqual([]);
    expect(created((await listEvents(o.provider.token, { eventSourceTypes: 'Provider,Customer' })).json.events)).toEqual([subB, subA]);
    expect(created((await listEvents(o.provider.token, { eventSourceTypes: 'Workflow' })).json.events)).toEqual([]);
    expect((await listEvents(o.provider.token, { instanceID: 'instance-none' })).json.events).toEqual([]);
  });

  it('refuses bad input with 400 naming the problem', async () => {
    const bad = async (query: Record<string, string>, text: string) => {
      const res = await listEvents(o.provider.token, query);
      expect(res.status, res.body).toBe(400);
      expect(res.json.message).toContain(text);
    };
    await bad({ startDate: 'yesterday' }, 'startDate');
    await bad({ startDate: '2026-02-01T00:00:00Z', endDate: '2026-01-01T00:00:00Z' }, 'startDate must not be after endDate');
    await bad({ pageSize: '0' }, 'pageSize');
    await bad({ nextPageToken: 'forged.token' }, 'nextPageToken');
    // A customer's token is bound to its own log: the provider's does not replay there.
    const page = await listEvents(o.provider.token, { pageSize: '1' });
    expect(page.json.nextPageToken).toBeTruthy();
    const replay = await listEvents(a.token, { nextPageToken: page.json.nextPageToken });
    expect(replay.status).toBe(400);
  });
});

describe('DescribeAuditEvent', () => {
  it('answers an event to its provider and to the customer it concerns', async () => {
    const id = (await listEvents(a.token)).json.events.find((e: Ev) => e.subscriptionId === subA).id;
    for (const token of [o.provider.token, a.token]) {
      const res = await describeEv(token, id);
      expect(res.status, res.body).toBe(200);
      expect(contractProblems('DescribeAuditEvent', 200, res.json)).toEqual([]);
      expect(res.json).toMatchObject({ id, subscriptionId: subA, eventType: 'SubscriptionCreated', orgId: a.orgId });
    }
  });

  it('is 404 to another customer, another provider and a customer of another portal type, and for an unknown id', async () => {
    const id = (await listEvents(a.token)).json.events.find((e: Ev) => e.subscriptionId === subA).id;
    const prod = await testCustomerSession(o.provider, 'PROD');
    for (const token of [b.token, stranger.token, prod.token]) expect((await describeEv(token, id)).status).toBe(404);
    expect((await describeEv(o.provider.token, 'event-000000000000000000000')).status).toBe(404);
    expect((await describeEv(o.provider.token, 'not-an-event')).status).toBe(404);
  });

  it('refuses a malformed id with 400', async () => {
    const res = await describeEv(o.provider.token, 'bad id!');
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('id');
  });
});

describe('DeprecatedDescribeAuditEvent', () => {
  it('answers the same event on the older path, and 404 to another org', async () => {
    const id = (await listEvents(b.token)).json.events.find((e: Ev) => e.subscriptionId === subB).id;
    const res = await describeEvOld(b.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DeprecatedDescribeAuditEvent', 200, res.json)).toEqual([]);
    expect(res.json).toEqual((await describeEv(b.token, id)).json);
    expect((await describeEvOld(a.token, id)).status).toBe(404);
    expect((await describeEvOld(stranger.token, id)).status).toBe(404);
    expect((await describeEvOld(a.token, 'bad id!')).status).toBe(400);
  });
});

describe('ListAuditEventsForServicePlan', () => {
  it("answers the plan's events, addressed by keys: all customers' to the provider, its own to a customer", async () => {
    const res = await planEvents(o.provider.token, keys);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListAuditEventsForServicePlan', 200, res.json)).toEqual([]);
    expect(created(res.json.events)).toEqual([subB, subA]);
    expect(created((await planEvents(a.token, keys)).json.events)).toEqual([subA]);
    expect(created((await planEvents(o.provider.token, keys, { subscriptionId: subA })).json.events)).toEqual([subA]);
    // Another plan of the same service holds none of them.
    const approval = await planKeys(o, o.approval);
    expect((await planEvents(o.provider.token, approval)).json.events).toEqual([]);
  });

  it('is 404 for a wrong key at any level, another provider, and a customer of another portal type', async () => {
    for (const wrong of ['serviceKey', 'serviceAPIVersion', 'serviceEnvironmentKey', 'serviceModelKey', 'productTierKey'] as const) {
      const res = await planEvents(o.provider.token, { ...keys, [wrong]: 'nope' });
      expect(res.status, `${wrong}: ${res.body}`).toBe(404);
    }
    expect((await planEvents(stranger.token, keys)).status).toBe(404);
    expect((await planEvents(stranger.token, { ...keys, serviceProviderId: stranger.orgId })).status).toBe(404);
    const prod = await testCustomerSession(o.provider, 'PROD');
    expect((await planEvents(prod.token, keys)).status).toBe(404);
  });

  it('refuses bad input with 400', async () => {
    expect((await planEvents(o.provider.token, keys, { endDate: 'soon' })).status).toBe(400);
    expect((await planEvents(o.provider.token, { ...keys, serviceProviderId: 'bad id!' })).status).toBe(400);
  });
});

describe('DeprecatedListAuditEventsForServicePlan', () => {
  it('answers the same list on the older path; 404 to another provider; 400 for bad input', async () => {
    const res = await planEventsOld(o.provider.token, keys);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DeprecatedListAuditEventsForServicePlan', 200, res.json)).toEqual([]);
    expect(res.json).toEqual((await planEvents(o.provider.token, keys)).json);
    expect((await planEventsOld(stranger.token, keys)).status).toBe(404);
    expect((await planEventsOld(o.provider.token, keys, { pageSize: 'many' })).status).toBe(400);
  });
});
