/**
 * The Fleet API's subscription operations on DynamoDB Local: the provider lists, describes, suspends, resumes,
 * terminates and edits its customers' subscriptions, and subscribes a customer user itself; illegal moves are
 * 409; another provider and customer tokens get nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/data/keys.ts';
import { queryAll } from '#shared/data/store.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { activeSubscriptionFor } from '#shared/use-cases/subscription.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession } from '../../support/session.ts';
import { describeSub, devCustomer, offering, subscribe, subscribed, type Offering } from '../subscription/fixtures.ts';
import { fleetCall } from './fixtures.ts';
import { projectAuditEvents } from '../../support/audit.ts';

let o: Offering;
let other: Offering;
beforeAll(async () => {
  [o, other] = await Promise.all([offering(), offering()]);
}, 60_000);

describe('ListSubscription', () => {
  it("lists the environment's subscriptions (by plan), valid against the Fleet reference", async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    const res = await fleetCall('ListSubscription', o);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListSubscription', 200, res.json)).toEqual([]);
    expect(res.json.ids).toContain(id);
    expect((await fleetCall('ListSubscription', o, { query: { productTierId: o.approval } })).json.ids).not.toContain(id);
  });

  it('answers 404 to another provider and 403 to a customer token (tenancy)', async () => {
    expect((await fleetCall('ListSubscription', o, { token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('ListSubscription', o, { token: (await devCustomer(o)).token })).status).toBe(403);
    expect((await fleetCall('ListSubscription', o, { query: { productTierId: 'bad id!' } })).status).toBe(400);
  });
});

describe('inventory-api#DescribeSubscription', () => {
  it('describes with the root user, instance count and who changed it last', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    const res = await fleetCall('DescribeSubscription', o, { id });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('inventory-api#DescribeSubscription', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({ id, status: 'ACTIVE', instanceCount: 0, rootUserId: c.userId, rootUserEmail: c.email, rootUserOrgId: c.orgId, productTierName: 'Free' });
  });

  it('answers 404 for another provider and another environment path, 400 for a bad id', async () => {
    const id = await subscribed((await devCustomer(o)).token, o);
    expect((await fleetCall('DescribeSubscription', o, { id, token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('DescribeSubscription', { ...o, environmentId: other.environmentId }, { id })).status).toBe(404);
    expect((await fleetCall('DescribeSubscription', o, { id: 'bad id!' })).status).toBe(400);
  });
});

describe('SuspendSubscription', () => {
  it('moves ACTIVE → SUSPENDED (no longer active for instances); suspending again is 409', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    expect((await fleetCall('SuspendSubscription', o, { id })).status).toBe(200);
    expect((await getSubscription(id))?.status).toBe('SUSPENDED');
    expect(await activeSubscriptionFor(c.orgId, o.auto)).toBeUndefined();
    const again = await fleetCall('SuspendSubscription', o, { id });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain('SUSPENDED');
    // Still holds the plan's place: a new subscription is refused while it is suspended.
    expect((await subscribe(c.token, o.serviceId, o.auto)).status).toBe(409);
  });

  it('answers 404 to another provider (tenancy) and 400 for a bad id', async () => {
    const id = await subscribed((await devCustomer(o)).token, o);
    expect((await fleetCall('SuspendSubscription', o, { id, token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('SuspendSubscription', o, { id: '' })).status).toBe(400);
  });
});

describe('ResumeSubscription', () => {
  it('moves SUSPENDED → ACTIVE; resuming an ACTIVE one is 409', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    expect((await fleetCall('ResumeSubscription', o, { id })).status).toBe(409);
    await fleetCall('SuspendSubscription', o, { id });
    expect((await fleetCall('ResumeSubscription', o, { id })).status).toBe(200);
    expect((await describeSub(c.token, id)).json.status).toBe('ACTIVE');
  });

  it('answers 404 to another provider (tenancy) and 400 for a bad id', async () => {
    const id = await subscribed((await devCustomer(o)).token, o);
    expect((await fleetCall('ResumeSubscription', o, { id, token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('ResumeSubscription', o, { id: 'x y' })).status).toBe(400);
  });
});

describe('TerminateSubscription', () => {
  it('moves to TERMINATED, frees the plan for a new subscription; terminated is final (409), and every move is audited', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    await fleetCall('SuspendSubscription', o, { id });
    expect((await fleetCall('TerminateSubscription', o, { id })).status).toBe(200);
    expect((await fleetCall('TerminateSubscription', o, { id })).status).toBe(409);
    expect((await fleetCall('ResumeSubscription', o, { id })).status).toBe(409);
    expect((await describeSub(c.token, id)).json.status).toBe('TERMINATED');
    await subscribed(c.token, o);
    await projectAuditEvents();
    const events = await queryAll<{ eventType: string; subscriptionId?: string }>(keys.customerAuditEvents(c.orgId));
    expect(events.filter((e) => e.subscriptionId === id).map((e) => e.eventType)).toEqual(['SubscriptionCreated', 'SubscriptionSuspended', 'SubscriptionTerminated']);
  });

  it('answers 404 to another provider (tenancy) and 400 for a bad id', async () => {
    const id = await subscribed((await devCustomer(o)).token, o);
    expect((await fleetCall('TerminateSubscription', o, { id, token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('TerminateSubscription', o, { id: '!' })).status).toBe(400);
  });
});

describe('UpdateSubscription', () => {
  it('changes the billing fields it is given and records who did', async () => {
    const id = await subscribed((await devCustomer(o)).token, o);
    const res = await fleetCall('UpdateSubscription', o, { id, body: { externalPayerId: 'payer-1', inheritServicePlanPrice: false, pricePerUnit: { 'CPU core hours': { amount: 0.04, currency: 'USD' }, cpu: 1 } } });
    expect(res.status, res.body).toBe(200);
    const d = await fleetCall('DescribeSubscription', o, { id });
    expect(d.json).toMatchObject({ externalPayerId: 'payer-1', inheritServicePlanPrice: false, activeSubscriptionPricing: { 'CPU core hours': { amount: 0.04, currency: 'USD' }, cpu: 1 }, updatedByUserId: o.provider.userId });
  });

  it('answers 404 to another provider (tenancy) and 400 for bad input', async () => {
    const id = await subscribed((await devCustomer(o)).token, o);
    expect((await fleetCall('UpdateSubscription', o, { id, body: {}, token: other.provider.token })).status).toBe(404);
    const bad = await fleetCall('UpdateSubscription', o, { id, body: { inheritServicePlanPrice: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('inheritServicePlanPrice');
    const price = await fleetCall('UpdateSubscription', o, { id, body: { pricePerUnit: { 'Replica hours': { amount: 1, currency: 'usd' } }, priceEffectiveDate: 'soon' } });
    expect(price.status).toBe(400);
    expect(price.json.message).toContain('body.pricePerUnit.Replica hours.currency');
    expect(price.json.message).toContain('body.priceEffectiveDate');
  });
});

describe('CreateSubscriptionOnBehalfOfCustomer', () => {
  it('subscribes a customer user (its root), even to a plan that needs approval', async () => {
    const c = await devCustomer(o);
    const res = await fleetCall('CreateSubscriptionOnBehalfOfCustomer', o, { body: { onBehalfOfCustomerUserId: c.userId, productTierId: o.approval } });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('CreateSubscriptionOnBehalfOfCustomer', 200, res.json)).toEqual([]);
    expect(res.json.id).toMatch(/^sub-/);
    expect((await describeSub(c.token, res.json.id)).json).toMatchObject({ roleType: 'root', productTierId: o.approval });
  });

  it("answers 404 for another provider's customer or plan (tenancy) and 400 for bad input", async () => {
    const foreign = await devCustomer(other);
    expect((await fleetCall('CreateSubscriptionOnBehalfOfCustomer', o, { body: { onBehalfOfCustomerUserId: foreign.userId, productTierId: o.auto } })).status).toBe(404);
    const c = await devCustomer(o);
    expect((await fleetCall('CreateSubscriptionOnBehalfOfCustomer', o, { body: { onBehalfOfCustomerUserId: c.userId, productTierId: other.auto } })).status).toBe(404);
    const stranger = await testSession();
    expect((await fleetCall('CreateSubscriptionOnBehalfOfCustomer', o, { body: { onBehalfOfCustomerUserId: stranger.userId, productTierId: o.auto } })).status).toBe(404);
    expect((await fleetCall('CreateSubscriptionOnBehalfOfCustomer', o, { body: { productTierId: o.auto } })).status).toBe(400);
  });
});
