/**
 * consumption-user-api on DynamoDB Local: a subscription's users and roles (root|editor|reader), inviting and
 * revoking by a root only, and billing details that say no payment provider is wired.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as cu from '#functions/consumption-user/index.ts';
import type { AnyOperation } from '#shared/registry/operation.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testSession } from '../../support/session.ts';
import { findCustomerUserByEmail } from '#shared/use-cases/customer-users.ts';
import { getSubscriptionRole } from '#shared/data/entities/subscription.ts';
import { operation as customerDeleteUser } from '#functions/users/customer-delete-user.ts';
import { describeSub, devCustomer, listSubs, offering, subscribed, type Offering } from '../subscription/fixtures.ts';

const op = (id: string): AnyOperation => cu.operations.find((o) => o.operationId === id)!;
const invite = (token: string, subscriptionId: string, body: unknown) => invoke(op('InviteUser'), { token, params: { subscriptionId }, body });
const revoke = (token: string, subscriptionId: string, body: unknown) => invoke(op('RevokeUserRole'), { token, params: { subscriptionId }, body });
const users = (token: string, subscriptionId: string) => invoke(op('DescribeUsersBySubscription'), { token, params: { subscriptionId } });
const allUsers = (token: string, query: Record<string, string> = {}) => invoke(op('ListAllSubscriptionUsers'), { token, query });

let o: Offering;
beforeAll(async () => {
  o = await offering();
}, 60_000);

describe('consumption-user-api#InviteUser', () => {
  it('gives a customer user of the same provider a role; the reader sees the subscription but cannot invite (403)', async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    const reader = await devCustomer(o);
    const res = await invite(root.token, id, { email: reader.email.toUpperCase(), roleType: 'Reader' });
    expect(res.status, res.body).toBe(200);
    expect((await describeSub(reader.token, id)).json.roleType).toBe('reader');
    expect((await listSubs(reader.token)).json.ids).toEqual([id]);
    const third = await devCustomer(o);
    const refused = await invite(reader.token, id, { email: third.email, roleType: 'reader' });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('only a root');
    expect((await invite(root.token, id, { email: reader.email, roleType: 'editor' })).status).toBe(409);
  });

  it('makes an email that is no customer of this provider yet one, invited by mail (NOT_ENABLED until it sets a password)', async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    // A customer of another provider is a stranger here: emails are unique per provider.
    const foreign = await testCustomerSession(await testSession(), 'DEV');
    const fresh = `new-${Date.now()}@example.com`;
    for (const email of [foreign.email, fresh]) {
      const res = await invite(root.token, id, { email, roleType: 'reader' });
      expect(res.status, res.body).toBe(200);
      const user = await findCustomerUserByEmail(root.customer.providerOrgId, email);
      expect(user).toMatchObject({ status: 'NOT_ENABLED', providerOrgId: root.customer.providerOrgId });
    }
    const listed = (await users(root.token, id)).json.subscriptionUsers.map((u: { email: string }) => u.email);
    expect(listed).toEqual(expect.arrayContaining([foreign.email, fresh]));
    // The other provider's customer user is untouched.
    expect(await findCustomerUserByEmail(foreign.customer.providerOrgId, foreign.email)).toMatchObject({ status: 'ACTIVE' });
  });

  it('a user who deletes their account (CustomerDeleteUser) leaves every subscription it had a role on', async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    const reader = await devCustomer(o);
    expect((await invite(root.token, id, { email: reader.email, roleType: 'reader' })).status).toBe(200);
    const gone = await invoke(customerDeleteUser, { token: reader.token });
    expect(gone.status, gone.body).toBe(200);
    const listed = (await users(root.token, id)).json.subscriptionUsers.map((u: { email: string }) => u.email);
    expect(listed).toEqual([root.email]);
    expect(await getSubscriptionRole(id, reader.userId)).toBeUndefined();
  });

  it("answers 404 to a stranger's token (tenancy) and 400 for bad input", async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    expect((await invite((await devCustomer(o)).token, id, { email: 'someone@example.com', roleType: 'reader' })).status).toBe(404);
    const bad = await invite(root.token, id, { email: 'x@example.com', roleType: 'owner' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('roleType');
  });
});

describe('consumption-user-api#RevokeUserRole', () => {
  it('removes a role (a root only); the last root stays (409)', async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    const editor = await devCustomer(o);
    await invite(root.token, id, { email: editor.email, roleType: 'editor' });
    expect((await revoke(editor.token, id, { email: root.email, roleType: 'root' })).status).toBe(403);
    expect((await revoke(root.token, id, { email: editor.email, roleType: 'reader' })).status).toBe(404);
    expect((await revoke(root.token, id, { email: editor.email, roleType: 'editor' })).status).toBe(200);
    expect((await describeSub(editor.token, id)).status).toBe(404);
    const last = await revoke(root.token, id, { email: root.email, roleType: 'root' });
    expect(last.status).toBe(409);
    expect(last.json.message).toContain('last root');
  });

  it("answers 404 to another customer's token (tenancy) and 400 for bad input", async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    expect((await revoke((await devCustomer(o)).token, id, { email: root.email, roleType: 'root' })).status).toBe(404);
    expect((await revoke(root.token, id, { email: 'not-an-email', roleType: 'root' })).status).toBe(400);
  });
});

describe('DescribeUsersBySubscription', () => {
  it('lists the users and roles, valid against the reference; 404 to another customer (tenancy), 400 for a bad id', async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    const reader = await devCustomer(o);
    await invite(root.token, id, { email: reader.email, roleType: 'reader' });
    const res = await users(reader.token, id);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribeUsersBySubscription', 200, res.json)).toEqual([]);
    expect(res.json.Id).toBe(id);
    expect(res.json.subscriptionUsers.map((u: { email: string; roleType: string }) => [u.email, u.roleType]).sort()).toEqual(
      [
        [root.email, 'root'],
        [reader.email, 'reader'],
      ].sort(),
    );
    expect((await users((await devCustomer(o)).token, id)).status).toBe(404);
    expect((await users(root.token, 'bad id!')).status).toBe(400);
  });
});

describe('ListAllSubscriptionUsers', () => {
  it("lists the users of every subscription the caller holds a role on, by environment type; another customer sees none", async () => {
    const root = await devCustomer(o);
    const id = await subscribed(root.token, o);
    const res = await allUsers(root.token, { environmentType: 'DEV' });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListAllSubscriptionUsers', 200, res.json)).toEqual([]);
    expect(res.json.subscriptionUsers).toEqual([{ subscriptionId: id, userId: root.userId, email: root.email, name: 'Customer User', roleType: 'root' }]);
    expect((await allUsers(root.token, { environmentType: 'PROD' })).json.subscriptionUsers).toEqual([]);
    expect((await allUsers((await devCustomer(o)).token)).json.subscriptionUsers).toEqual([]);
    expect((await allUsers(root.token, { environmentType: 'nope' })).status).toBe(400);
  });
});

describe('DescribeUserBillingDetails', () => {
  it('says honestly that no payment is configured, with no payment URL; another user is 404', async () => {
    const c = await devCustomer(o);
    const res = await invoke(op('DescribeUserBillingDetails'), { token: c.token, params: { id: c.userId } });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribeUserBillingDetails', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({ userId: c.userId, paymentConfigured: false });
    expect(res.json.paymentInfoPortalURL).toBeUndefined();
    expect(res.json.billingEmbedURL).toBeUndefined();
    expect((await invoke(op('DescribeUserBillingDetails'), { token: c.token, params: { id: o.provider.userId } })).status).toBe(404);
    expect((await invoke(op('DescribeUserBillingDetails'), { token: c.token, params: { id: 'bad id!' } })).status).toBe(400);
  });
});
