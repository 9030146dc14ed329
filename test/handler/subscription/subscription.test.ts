/**
 * subscription-api on DynamoDB Local: subscribe to an auto-approving plan, describe, list, delete; one live
 * subscription per customer org and plan, also under 20 concurrent attempts; tenancy across customers,
 * providers and portal environment types; the audit record of each mutation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/data/keys.ts';
import { commit, queryAll, withRetry } from '#shared/data/store.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { activeSubscriptionFor } from '#shared/use-cases/subscription.ts';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testSession } from '../../support/session.ts';
import { deleteSub, describeSub, devCustomer, listSubs, offering, subscribe, subscribed, type Offering } from './fixtures.ts';
import { projectAuditEvents } from '../../support/audit.ts';

let o: Offering;
beforeAll(async () => {
  o = await offering();
}, 60_000);

const eventsOf = async (customerOrgId: string) => {
  await projectAuditEvents();
  return queryAll<{ eventType: string; subscriptionId?: string }>(keys.customerAuditEvents(customerOrgId));
};

describe('CreateSubscription', () => {
  it('subscribes at once to an auto-approving plan: the bare "sub-…", ACTIVE, the creator its root, one audit record', async () => {
    const c = await devCustomer(o);
    const res = await subscribe(c.token, o.serviceId, o.auto);
    expect(res.status, res.body).toBe(200);
    expect(res.body).toMatch(/^"sub-[A-Za-z0-9]{10}"$/);
    expect(contractProblems('CreateSubscription', 200, res.json)).toEqual([]);
    const stored = await getSubscription(res.json);
    expect(stored).toMatchObject({ status: 'ACTIVE', rootUserId: c.userId, customerOrgId: c.orgId, providerOrgId: o.provider.orgId, environmentType: 'DEV', instanceCount: 0 });
    expect((await activeSubscriptionFor(c.orgId, o.auto))?.subscriptionId).toBe(res.json);
    expect((await eventsOf(c.orgId)).filter((e) => e.eventType === 'SubscriptionCreated' && e.subscriptionId === res.json)).toHaveLength(1);
  });

  it('refuses a plan that needs approval, saying to request access', async () => {
    const c = await devCustomer(o);
    const res = await subscribe(c.token, o.serviceId, o.approval);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('CreateSubscriptionRequest');
  });

  it('answers 404 for a plan with no released version, and for another portal environment type', async () => {
    const c = await devCustomer(o);
    expect((await subscribe(c.token, o.serviceId, o.unreleased)).status).toBe(404);
    const prod = await testCustomerSession(o.provider, 'PROD');
    expect((await subscribe(prod.token, o.serviceId, o.auto)).status).toBe(404);
  });

  it('answers 404 to a customer of another provider (tenancy), and 400 for bad input', async () => {
    const other = await testCustomerSession(await testSession(), 'DEV');
    expect((await subscribe(other.token, o.serviceId, o.auto)).status).toBe(404);
    const c = await devCustomer(o);
    const bad = await subscribe(c.token, o.serviceId, '');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('productTierId');
  });

  it('lets the provider subscribe to its own plan with its own token', async () => {
    const res = await subscribe(o.provider.token, o.serviceId, o.auto);
    expect(res.status, res.body).toBe(200);
    expect((await getSubscription(res.json))?.customerOrgId).toBe(o.provider.orgId);
  });

  it('keeps one subscription per customer org and plan: a second is 409, and of 20 concurrent attempts exactly one wins', async () => {
    const c = await devCustomer(o);
    await subscribed(c.token, o);
    expect((await subscribe(c.token, o.serviceId, o.auto)).status).toBe(409);

    const d = await devCustomer(o);
    const results = await Promise.all(Array.from({ length: 20 }, () => subscribe(d.token, o.serviceId, o.auto)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map((r) => r.status)).toEqual(Array(19).fill(409));
    expect((await listSubs(d.token)).json.ids).toHaveLength(1);
  }, 60_000);
});

describe('subscription-api#DescribeSubscription', () => {
  it('shows the subscription with the caller role, names and honest billing, valid against the reference', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    const res = await describeSub(c.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('subscription-api#DescribeSubscription', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({
      id,
      status: 'ACTIVE',
      roleType: 'root',
      serviceId: o.serviceId,
      productTierId: o.auto,
      productTierName: 'Free',
      serviceOrgId: o.provider.orgId,
      serviceOrgName: 'Provider Org',
      rootUserId: c.userId,
      defaultSubscription: false,
      paymentMethodConfigured: false,
      cloudProviderNames: ['aws'],
    });
    expect(res.json.serviceName).toMatch(/^Offered /);
  });

  it("answers 404 to another customer of the same provider and for an unknown id (tenancy)", async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    const other = await devCustomer(o);
    expect((await describeSub(other.token, id)).status).toBe(404);
    expect((await describeSub(c.token, 'sub-0000000000')).status).toBe(404);
    expect((await describeSub(c.token, 'bad id!')).status).toBe(400);
  });
});

describe('ListSubscriptions', () => {
  it("lists the caller's subscriptions with roleType, serviceName, productTierName, defaultSubscription, paymentMethodConfigured", async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    const res = await listSubs(c.token, { environmentType: 'dev', serviceId: o.serviceId });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListSubscriptions', 200, res.json)).toEqual([]);
    expect(res.json.ids).toEqual([id]);
    expect(res.json.subscriptions[0]).toMatchObject({ roleType: 'root', productTierName: 'Free', defaultSubscription: false, paymentMethodConfigured: false });
    expect((await listSubs(c.token, { environmentType: 'PROD' })).json.ids).toEqual([]);
    expect((await listSubs(c.token, { serviceId: 's-0000000000' })).json.ids).toEqual([]);
    expect((await listSubs(c.token, { environmentType: 'MOON' })).status).toBe(400);
  });

  it('shows another customer org nothing (tenancy)', async () => {
    const c = await devCustomer(o);
    await subscribed(c.token, o);
    const other = await devCustomer(o);
    expect((await listSubs(other.token)).json).toEqual({ ids: [], subscriptions: [] });
  });
});

describe('DeleteSubscription', () => {
  it('removes the subscription and its roles (a root), gives the plan back, and records it', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    const res = await deleteSub(c.token, id);
    expect(res.status, res.body).toBe(200);
    expect((await describeSub(c.token, id)).status).toBe(404);
    expect(await queryAll(keys.rolesOfSubscription(id))).toEqual([]);
    expect((await eventsOf(c.orgId)).some((e) => e.eventType === 'SubscriptionDeleted' && e.subscriptionId === id)).toBe(true);
    await subscribed(c.token, o);
  });

  it('is refused (409) while the subscription has instances', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    await withRetry(() => commit({ counters: [{ key: keys.subscription(id), add: { instanceCount: 1 }, entity: 'subscription' }] }));
    const res = await deleteSub(c.token, id);
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('resource instances');
  });

  it('answers 404 to another customer (tenancy) and 400 for a bad id', async () => {
    const c = await devCustomer(o);
    const id = await subscribed(c.token, o);
    expect((await deleteSub((await devCustomer(o)).token, id)).status).toBe(404);
    expect((await deleteSub(c.token, 'no such id!')).status).toBe(400);
    expect((await describeSub(c.token, id)).status).toBe(200);
  });
});
