/**
 * Customers arriving by invitation and leaving: CustomerInviteUser (the provider invites an email; the
 * invitee sets a password with ChangePassword), CustomerDeleteUser (the customer's own account, refused
 * while it is the only root of a subscription that has instances), and consumption-user-api Signin (HTTP
 * basic credentials of a customer user).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as customerInviteUser } from '#functions/users/customer-invite-user.ts';
import { operation as customerDeleteUser } from '#functions/users/customer-delete-user.ts';
import { operation as customerSignup } from '#functions/users/customer-signup.ts';
import { operation as customerSignin } from '#functions/users/customer-signin.ts';
import { operation as deleteUser } from '#functions/users/delete-user.ts';
import { operation as describeUser } from '#functions/users/describe-user.ts';
import { operation as changePassword } from '#functions/signup/change-password.ts';
import { operation as validateToken } from '#functions/signup/validate-token.ts';
import { operation as consumptionSignin } from '#functions/consumption-user/signin.ts';
import { verifyToken } from '#shared/auth/jwt.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { soleRootCounter } from '#shared/data/entities/user.ts';
import { keys } from '#shared/data/keys.ts';
import { commit, getItem, queryAll } from '#shared/data/store.ts';
import type { AuditEventItem } from '#shared/data/entities/audit-event.ts';
import { findCustomerUserByEmail } from '#shared/use-cases/customer-users.ts';
import { invoke } from '../../support/invoke.ts';
import { linkParams, mailsTo, uniqueEmail, waitForMail } from '../../support/identity-flow.ts';
import { testMember, testSession, type TestSession } from '../../support/session.ts';
import { projectAuditEvents } from '../../support/audit.ts';

let provider: TestSession;
let other: TestSession;

beforeAll(async () => {
  provider = await testSession('root', 'Invite Provider');
  other = await testSession('root', 'Other Provider');
});

async function auditTypes(providerOrgId: string, customerOrgId: string): Promise<string[]> {
  await projectAuditEvents();
  const all = await queryAll<AuditEventItem>(keys.auditEventsOfMonth(providerOrgId, new Date().toISOString().slice(0, 7)));
  return all.filter((e) => e.customerOrgId === customerOrgId).map((e) => e.eventType);
}

/** A verified customer of `p` signed in to its PROD portal. */
async function customerOf(p: TestSession, email = uniqueEmail('cm'), password = 'password-123') {
  const seen = (await mailsTo(email)).length;
  expect((await invoke(customerSignup, { token: p.token, body: { email, password, name: 'Member' } })).status).toBe(200);
  const { token } = linkParams(await waitForMail(email, seen));
  expect((await invoke(validateToken, { body: { email, token } })).status).toBe(200);
  const signedIn = await invoke(customerSignin, { token: p.token, body: { email, password } });
  const user = (await findCustomerUserByEmail(p.orgId, email))!;
  return { email, password, token: signedIn.json.jwtToken as string, user };
}

const basic = (email: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}` });

describe('CustomerInviteUser', () => {
  it("creates the customer's org and a user without a password, and mails an invitation that ChangePassword accepts", async () => {
    const email = uniqueEmail('inv');
    const res = await invoke(customerInviteUser, { token: provider.token, body: { EMAIL: email } });
    expect(res.status, res.body).toBe(200);
    const user = (await findCustomerUserByEmail(provider.orgId, email))!;
    expect(user).toMatchObject({ status: 'NOT_ENABLED', passwordHash: '', providerOrgId: provider.orgId, invitedBy: provider.userId, role: 'root' });
    expect(await getOrg(user.orgId)).toMatchObject({ providerOrgId: provider.orgId });
    const mail = await waitForMail(email);
    expect(mail.subject).toBe('You are invited by Invite Provider');
    const accepted = await invoke(changePassword, { body: { email, token: linkParams(mail).token, password: 'chosen-pw-123' } });
    expect(accepted.status, accepted.body).toBe(200);
    const signedIn = await invoke(customerSignin, { token: provider.token, body: { email, password: 'chosen-pw-123' } });
    expect(signedIn.status, signedIn.body).toBe(200);
    expect(await auditTypes(provider.orgId, user.orgId)).toEqual(['CustomerUserInvited', 'CustomerPasswordChanged']);
  });

  it('refuses an email that is already a customer of this provider (409), not one of another provider', async () => {
    const { email } = await customerOf(provider);
    expect((await invoke(customerInviteUser, { token: provider.token, body: { email } })).status).toBe(409);
    expect((await invoke(customerInviteUser, { token: other.token, body: { email } })).status).toBe(200);
  });

  it("is the provider's administration: readers get 403, customer tokens 403, bad input 400", async () => {
    const reader = await testMember(provider, 'reader');
    expect((await invoke(customerInviteUser, { token: reader.token, body: { email: uniqueEmail('r') } })).status).toBe(403);
    const { token } = await customerOf(provider);
    expect((await invoke(customerInviteUser, { token, body: { email: uniqueEmail('c') } })).status).toBe(403);
    const bad = await invoke(customerInviteUser, { token: provider.token, body: { email: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.email');
  });
});

describe('CustomerDeleteUser', () => {
  it('removes the user, its org and its access; the email is free again for this provider', async () => {
    const c = await customerOf(provider);
    const res = await invoke(customerDeleteUser, { token: c.token });
    expect(res.status, res.body).toBe(200);
    expect(await findCustomerUserByEmail(provider.orgId, c.email)).toBeUndefined();
    expect(await getOrg(c.user.orgId)).toBeUndefined();
    expect(await getItem(keys.customerEmailGuard(provider.orgId, c.email))).toBeUndefined();
    // Its token stops working at once.
    expect((await invoke(describeUser, { token: c.token })).status).toBe(401);
    expect(await auditTypes(provider.orgId, c.user.orgId)).toEqual(['CustomerUserSignedUp', 'CustomerUserVerified', 'CustomerUserDeleted']);
    expect((await invoke(customerSignup, { token: provider.token, body: { email: c.email, password: 'password-123', name: 'Again' } })).status).toBe(200);
  });

  it('refuses (409) while the user is the only root of a subscription that has instances, and allows it once that ends', async () => {
    const c = await customerOf(provider);
    // What the subscription/instance work does when a subscription the user alone roots gets its first instance.
    await commit({ counters: [soleRootCounter(c.user, 1)] });
    const refused = await invoke(customerDeleteUser, { token: c.token });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('last root of 1 subscription that has instances');
    expect(await findCustomerUserByEmail(provider.orgId, c.email)).toBeDefined();
    await commit({ counters: [soleRootCounter(c.user, -1)] });
    expect((await invoke(customerDeleteUser, { token: c.token })).status).toBe(200);
  });

  it("is the customer's own: a provider token gets 403 and nothing of the provider changes; DeleteUser with a customer token follows the same rules", async () => {
    const res = await invoke(customerDeleteUser, { token: provider.token });
    expect(res.status).toBe(403);
    expect((await invoke(describeUser, { token: provider.token })).status).toBe(200);
    const c = await customerOf(provider);
    await commit({ counters: [soleRootCounter(c.user, 1)] });
    expect((await invoke(deleteUser, { token: c.token })).status).toBe(409);
    await commit({ counters: [soleRootCounter(c.user, -1)] });
    expect((await invoke(deleteUser, { token: c.token })).status).toBe(200);
    expect(await getItem(keys.customerEmailGuard(provider.orgId, c.email))).toBeUndefined();
  });

  it('answers 401 without a token', async () => {
    expect((await invoke(customerDeleteUser, {})).status).toBe(401);
  });
});

describe('consumption-user-api#Signin', () => {
  it('(consumption-user-api) takes HTTP basic credentials of a customer user and answers a PROD customer token', async () => {
    const c = await customerOf(provider);
    const res = await invoke(consumptionSignin, { headers: basic(c.email.toUpperCase(), c.password) });
    expect(res.status, res.body).toBe(200);
    expect(await verifyToken(res.json.token)).toMatchObject({ userId: c.user.userId, customer: { providerOrgId: provider.orgId, environmentType: 'PROD' } });
  });

  it('(consumption-user-api) finds the provider whose customer the password is, when the email is a customer of two', async () => {
    const email = uniqueEmail('two');
    await customerOf(provider, email, 'first-password-1');
    const second = await customerOf(other, email, 'second-password-2');
    const res = await invoke(consumptionSignin, { headers: basic(email, 'second-password-2') });
    expect(res.status, res.body).toBe(200);
    expect((await verifyToken(res.json.token)).orgId).toBe(second.user.orgId);
  });

  it('(consumption-user-api) answers the same 400 for a wrong password and an unknown email, and 400 for malformed credentials', async () => {
    const c = await customerOf(provider);
    for (const headers of [basic(c.email, 'wrong-password'), basic(uniqueEmail('nobody'), 'x'), basic(provider.email, 'x')]) {
      const res = await invoke(consumptionSignin, { headers });
      expect(res.status).toBe(400);
      expect(res.json.message).toBe('wrong user email or password');
    }
    for (const authorization of ['Bearer abc', 'Basic ' + Buffer.from('no-colon').toString('base64'), '']) {
      expect((await invoke(consumptionSignin, { headers: { authorization } })).status).toBe(400);
    }
  });
});
