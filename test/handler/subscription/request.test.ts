/**
 * Subscription requests on DynamoDB Local, both sides: the customer requests a plan that needs approval
 * ("subr-…", PENDING), sees and cancels its requests; the provider lists, describes, approves (the subscription
 * appears, the requester its root) or denies through the Fleet API. One PENDING request per org and plan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testSession } from '../../support/session.ts';
import { fleetCall } from '../fleet/fixtures.ts';
import { cancelReq, describeReq, describeSub, devCustomer, listReqs, listSubs, offering, request, subscribe, type Offering } from './fixtures.ts';

let o: Offering;
let other: Offering;
beforeAll(async () => {
  [o, other] = await Promise.all([offering(), offering()]);
}, 60_000);

async function requested(token: string): Promise<string> {
  const res = await request(token, o.serviceId, o.approval);
  expect(res.status, res.body).toBe(200);
  return res.json;
}

describe('CreateSubscriptionRequest', () => {
  it('answers the bare "subr-…", PENDING; a second PENDING one for the same plan is 409', async () => {
    const c = await devCustomer(o);
    const res = await request(c.token, o.serviceId, o.approval);
    expect(res.status, res.body).toBe(200);
    expect(res.body).toMatch(/^"subr-[A-Za-z0-9]{10}"$/);
    expect(contractProblems('CreateSubscriptionRequest', 200, res.json)).toEqual([]);
    expect((await describeReq(c.token, res.json)).json.status).toBe('PENDING');
    expect((await request(c.token, o.serviceId, o.approval)).status).toBe(409);
  });

  it('is refused for an auto-approving plan (subscribe instead), 404 for another provider (tenancy), 400 for bad input', async () => {
    const c = await devCustomer(o);
    const auto = await request(c.token, o.serviceId, o.auto);
    expect(auto.status).toBe(400);
    expect(auto.json.message).toContain('CreateSubscription');
    expect((await request((await devCustomer(other)).token, o.serviceId, o.approval)).status).toBe(404);
    expect((await request(c.token, '', o.approval)).status).toBe(400);
  });
});

describe('subscription-request-api#DescribeSubscriptionRequest', () => {
  it('describes the request with its requester, valid against the reference; 404 to another customer', async () => {
    const c = await devCustomer(o);
    const id = await requested(c.token);
    const res = await describeReq(c.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('subscription-request-api#DescribeSubscriptionRequest', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({ id, rootUserId: c.userId, rootUserEmail: c.email, productTierName: 'Enterprise', status: 'PENDING' });
    expect((await describeReq((await devCustomer(o)).token, id)).status).toBe(404);
    expect((await describeReq(c.token, 'bad id!')).status).toBe(400);
  });
});

describe('subscription-request-api#ListSubscriptionRequests', () => {
  it("lists the org's requests by status; another customer sees none", async () => {
    const c = await devCustomer(o);
    const id = await requested(c.token);
    const res = await listReqs(c.token, { status: 'pending' });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('subscription-request-api#ListSubscriptionRequests', 200, res.json)).toEqual([]);
    expect(res.json.ids).toEqual([id]);
    expect((await listReqs(c.token, { status: 'DENIED' })).json.ids).toEqual([]);
    expect((await listReqs((await devCustomer(o)).token)).json.ids).toEqual([]);
    expect((await listReqs((await testCustomerSession(o.provider, 'PROD')).token)).json.ids).toEqual([]);
    expect((await listReqs(c.token, { status: 'MAYBE' })).status).toBe(400);
  });
});

describe('CancelSubscriptionRequest', () => {
  it('cancels a PENDING request (once: then 409) and frees the plan for a new request', async () => {
    const c = await devCustomer(o);
    const id = await requested(c.token);
    expect((await cancelReq(c.token, id)).status).toBe(200);
    expect((await describeReq(c.token, id)).json.status).toBe('CANCELLED');
    expect((await cancelReq(c.token, id)).status).toBe(409);
    await requested(c.token);
  });

  it('answers 404 to another customer (tenancy) and 400 for a bad id', async () => {
    const id = await requested((await devCustomer(o)).token);
    expect((await cancelReq((await devCustomer(o)).token, id)).status).toBe(404);
    expect((await cancelReq(o.provider.token, 'x y')).status).toBe(400);
  });
});

describe('inventory-api#ListSubscriptionRequests', () => {
  it("lists the environment's requests by status, valid against the Fleet reference; 404 to another provider", async () => {
    const id = await requested((await devCustomer(o)).token);
    const res = await fleetCall('ListSubscriptionRequests', o, { query: { status: 'PENDING' } });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('inventory-api#ListSubscriptionRequests', 200, res.json)).toEqual([]);
    expect(res.json.ids).toContain(id);
    expect((await fleetCall('ListSubscriptionRequests', o, { query: { status: 'APPROVED' } })).json.ids).not.toContain(id);
    expect((await fleetCall('ListSubscriptionRequests', o, { token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('ListSubscriptionRequests', o, { query: { status: 'NOPE' } })).status).toBe(400);
  });
});

describe('inventory-api#DescribeSubscriptionRequest', () => {
  it('describes a request of the environment; 404 to another provider, 400 for a bad id', async () => {
    const id = await requested((await devCustomer(o)).token);
    const res = await fleetCall('DescribeSubscriptionRequest', o, { id });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('inventory-api#DescribeSubscriptionRequest', 200, res.json)).toEqual([]);
    expect((await fleetCall('DescribeSubscriptionRequest', o, { id, token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('DescribeSubscriptionRequest', o, { id: '!' })).status).toBe(400);
  });
});

describe('ApproveSubscriptionRequest', () => {
  it('approves: the subscription appears for the requester (its root); approving again is 409', async () => {
    const c = await devCustomer(o);
    const id = await requested(c.token);
    expect((await fleetCall('ApproveSubscriptionRequest', o, { id })).status).toBe(200);
    const req = await describeReq(c.token, id);
    expect(req.json).toMatchObject({ status: 'APPROVED', updatedByUserId: o.provider.userId });
    const subs = await listSubs(c.token);
    expect(subs.json.subscriptions).toHaveLength(1);
    expect(subs.json.subscriptions[0]).toMatchObject({ productTierId: o.approval, roleType: 'root', status: 'ACTIVE' });
    expect((await describeSub(c.token, subs.json.ids[0])).status).toBe(200);
    expect((await fleetCall('ApproveSubscriptionRequest', o, { id })).status).toBe(409);
  });

  it('answers 404 to another provider and 403 to a customer token (tenancy), 400 for a bad id', async () => {
    const c = await devCustomer(o);
    const id = await requested(c.token);
    expect((await fleetCall('ApproveSubscriptionRequest', o, { id, token: other.provider.token })).status).toBe(404);
    expect((await fleetCall('ApproveSubscriptionRequest', o, { id, token: c.token })).status).toBe(403);
    expect((await fleetCall('ApproveSubscriptionRequest', o, { id: '' })).status).toBe(400);
  });
});

describe('DenySubscriptionRequest', () => {
  it('denies a PENDING request (no subscription); a denied one cannot be approved (409)', async () => {
    const c = await devCustomer(o);
    const id = await requested(c.token);
    expect((await fleetCall('DenySubscriptionRequest', o, { id })).status).toBe(200);
    expect((await describeReq(c.token, id)).json.status).toBe('DENIED');
    expect((await fleetCall('ApproveSubscriptionRequest', o, { id })).status).toBe(409);
    expect((await listSubs(c.token)).json.ids).toEqual([]);
    expect((await subscribe(c.token, o.serviceId, o.approval)).status).toBe(400);
  });

  it('answers 404 to another provider (tenancy) and 400 for a bad id', async () => {
    const id = await requested((await devCustomer(o)).token);
    expect((await fleetCall('DenySubscriptionRequest', o, { id, token: (await testSession()).token })).status).toBe(404);
    expect((await fleetCall('DenySubscriptionRequest', o, { id: 'x y' })).status).toBe(400);
  });
});
