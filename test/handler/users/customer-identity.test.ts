/**
 * The customer side of identity, as the provider's portal calls it with the provider's token: CustomerSignup
 * (a customer org of its own, one user per email per provider, lower-case keys), verification through
 * ValidateToken, CustomerSignin (scoped to the provider and the portal's environment type), and
 * CustomerResetPassword completed by ChangePassword. Every mutation leaves an audit record.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as customerSignup } from '#functions/users/customer-signup.ts';
import { operation as customerSignin } from '#functions/users/customer-signin.ts';
import { operation as customerResetPassword } from '#functions/users/customer-reset-password.ts';
import { operation as validateToken } from '#functions/signup/validate-token.ts';
import { operation as changePassword } from '#functions/signup/change-password.ts';
import { operation as signin } from '#functions/signin/signin.ts';
import { operation as describeUser } from '#functions/users/describe-user.ts';
import { verifyToken } from '#shared/auth/jwt.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { findUserByEmail } from '#shared/data/entities/user.ts';
import { findCustomerUserByEmail } from '#shared/use-cases/customer-users.ts';
import { keys } from '#shared/data/keys.ts';
import { queryAll } from '#shared/data/store.ts';
import type { AuditEventItem } from '#shared/data/entities/audit-event.ts';
import { invoke } from '../../support/invoke.ts';
import { linkParams, mailsTo, uniqueEmail, waitForMail } from '../../support/identity-flow.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { projectAuditEvents } from '../../support/audit.ts';

let provider: TestSession;
let other: TestSession;

beforeAll(async () => {
  provider = await testSession('root', 'Provider One');
  other = await testSession('root', 'Provider Two');
});

/** The provider's audit records of this month about `customerOrgId`. */
async function auditOf(providerOrgId: string, customerOrgId: string): Promise<AuditEventItem[]> {
  await projectAuditEvents();
  const month = new Date().toISOString().slice(0, 7);
  const all = await queryAll<AuditEventItem>(keys.auditEventsOfMonth(providerOrgId, month));
  return all.filter((e) => e.customerOrgId === customerOrgId);
}

/** Signs a customer up through `p`'s token (lower-case keys, as portals send them) and verifies it. */
async function signUpAndVerify(p: TestSession, email = uniqueEmail('cust'), password = 'password-123') {
  const seen = (await mailsTo(email)).length;
  const res = await invoke(customerSignup, { token: p.token, body: { email, password, name: 'Cus Tomer', legalcompanyname: 'Cust Co', companyurl: 'https://cust.example' } });
  expect(res.status, res.body).toBe(200);
  const { token } = linkParams(await waitForMail(email, seen));
  const ok = await invoke(validateToken, { body: { email, token } });
  expect(ok.status, ok.body).toBe(200);
  return { email, password };
}

describe('CustomerSignup', () => {
  it("creates a customer org of its own naming the provider, and a NOT_ENABLED root user; mails a verification link; lower-case keys match", async () => {
    const email = uniqueEmail('cs');
    const res = await invoke(customerSignup, {
      token: provider.token,
      body: { email, password: 'password-123', name: 'Ann', legalcompanyname: 'Ann Co', companyurl: 'https://ann.example', companydescription: 'db' },
    });
    expect(res.status, res.body).toBe(200);
    const user = (await findCustomerUserByEmail(provider.orgId, email.toUpperCase()))!;
    expect(user).toMatchObject({ email, name: 'Ann', role: 'root', status: 'NOT_ENABLED', providerOrgId: provider.orgId });
    expect(user.orgId).not.toBe(provider.orgId);
    expect(await getOrg(user.orgId)).toMatchObject({ name: 'Ann Co', legalCompanyName: 'Ann Co', url: 'https://ann.example', description: 'db', providerOrgId: provider.orgId, memberCount: 1 });
    // Not a provider user: the provider's signin namespace (the global email guard) does not hold it.
    expect(await findUserByEmail(email)).toBeUndefined();
    expect(linkParams(await waitForMail(email)).email).toBe(email);
    expect(await auditOf(provider.orgId, user.orgId)).toMatchObject([{ eventType: 'CustomerUserSignedUp', eventSource: 'Customer', userId: user.userId, providerOrgId: provider.orgId }]);
  });

  it('refuses a second signup of the same email with the same provider (409); another provider may have it', async () => {
    const email = uniqueEmail('dup');
    const body = { email, password: 'password-123', name: 'Dup' };
    expect((await invoke(customerSignup, { token: provider.token, body })).status).toBe(200);
    const again = await invoke(customerSignup, { token: provider.token, body: { ...body, email: email.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('a customer user with this email already exists for this provider');
    expect((await invoke(customerSignup, { token: other.token, body })).status).toBe(200);
    const [a, b] = [await findCustomerUserByEmail(provider.orgId, email), await findCustomerUserByEmail(other.orgId, email)];
    expect(a!.orgId).not.toBe(b!.orgId);
  });

  it('takes a provider token only: a customer token is refused with 403, no token with 401', async () => {
    const customer = await testCustomerSession(provider);
    const body = { email: uniqueEmail('x'), password: 'password-123', name: 'X' };
    expect((await invoke(customerSignup, { token: customer.token, body })).status).toBe(403);
    expect((await invoke(customerSignup, { body })).status).toBe(401);
    expect(await findCustomerUserByEmail(provider.orgId, body.email)).toBeUndefined();
  });

  it('answers 400 naming the field for bad input, and for a weak password', async () => {
    const res = await invoke(customerSignup, { token: provider.token, body: { email: 'not-an-email', name: 'N', password: 'password-123' } });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('body.email');
    const missing = await invoke(customerSignup, { token: provider.token, body: { email: uniqueEmail('m'), password: 'password-123' } });
    expect(missing.json.message).toContain('body.name is required');
    expect((await invoke(customerSignup, { token: provider.token, body: { email: uniqueEmail('w'), name: 'W', password: 'a' } })).status).toBe(400);
  });
});

describe('CustomerSignin', () => {
  it("answers a real JWT for a verified user, scoped to the provider and the portal's environment type (PROD when absent)", async () => {
    const { email, password } = await signUpAndVerify(provider);
    const user = (await findCustomerUserByEmail(provider.orgId, email))!;
    expect(user.status).toBe('ACTIVE');
    const prod = await invoke(customerSignin, { token: provider.token, body: { email, password } });
    expect(prod.status, prod.body).toBe(200);
    expect(await verifyToken(prod.json.jwtToken)).toMatchObject({ userId: user.userId, orgId: user.orgId, role: 'root', customer: { providerOrgId: provider.orgId, environmentType: 'PROD' } });
    const dev = await invoke(customerSignin, { token: provider.token, body: { email, password, environmenttype: 'dev' } });
    expect((await verifyToken(dev.json.jwtToken)).customer).toEqual({ providerOrgId: provider.orgId, environmentType: 'DEV' });
    // The customer token reaches its own user (DescribeUser).
    const me = await invoke(describeUser, { token: dev.json.jwtToken });
    expect(me.status, me.body).toBe(200);
    expect(me.json).toMatchObject({ id: user.userId, email, orgId: user.orgId, orgName: 'Cust Co' });
    expect(await auditOf(provider.orgId, user.orgId)).toMatchObject([{ eventType: 'CustomerUserSignedUp' }, { eventType: 'CustomerUserVerified' }]);
  });

  it('gives the same 400 as the provider signin for a wrong password and an unknown email; 409 before verification', async () => {
    const { email } = await signUpAndVerify(provider);
    const wrong = await invoke(customerSignin, { token: provider.token, body: { email, password: 'not-the-password' } });
    const unknown = await invoke(customerSignin, { token: provider.token, body: { email: uniqueEmail('nobody'), password: 'x' } });
    const providerWrong = await invoke(signin, { body: { email: provider.email, password: 'not-the-password' } });
    for (const r of [wrong, unknown, providerWrong]) {
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('wrong user email or password');
    }
    const unverified = uniqueEmail('unv');
    await invoke(customerSignup, { token: provider.token, body: { email: unverified, password: 'password-123', name: 'U' } });
    expect((await invoke(customerSignin, { token: provider.token, body: { email: unverified, password: 'password-123' } })).status).toBe(409);
  });

  it("finds only the calling provider's customers: another provider's token gets 400", async () => {
    const { email, password } = await signUpAndVerify(provider);
    const res = await invoke(customerSignin, { token: other.token, body: { email, password } });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('wrong user email or password');
    // Nor does the provider Signin know a customer user.
    expect((await invoke(signin, { body: { email, password } })).status).toBe(400);
  });

  it('answers 400 for bad input: a missing password, an unknown environment type', async () => {
    const { email, password } = await signUpAndVerify(provider);
    expect((await invoke(customerSignin, { token: provider.token, body: { email } })).json.message).toContain('body.password is required');
    const env = await invoke(customerSignin, { token: provider.token, body: { email, password, environmentType: 'MOON' } });
    expect(env.status).toBe(400);
    expect(env.json.message).toContain('body.environmentType');
  });
});

describe('CustomerResetPassword', () => {
  it('mails a reset link that ChangePassword completes; the old password stops working', async () => {
    const { email } = await signUpAndVerify(provider);
    const seen = (await mailsTo(email)).length;
    const res = await invoke(customerResetPassword, { token: provider.token, body: { Email: email } });
    expect(res.status, res.body).toBe(200);
    const mail = await waitForMail(email, seen);
    expect(mail.subject).toBe('Reset your password');
    const changed = await invoke(changePassword, { body: { email, token: linkParams(mail).token, password: 'brand-new-pw-9' } });
    expect(changed.status, changed.body).toBe(200);
    expect((await invoke(customerSignin, { token: provider.token, body: { email, password: 'password-123' } })).status).toBe(400);
    expect((await invoke(customerSignin, { token: provider.token, body: { email, password: 'brand-new-pw-9' } })).status).toBe(200);
    const user = (await findCustomerUserByEmail(provider.orgId, email))!;
    expect((await auditOf(provider.orgId, user.orgId)).map((e) => e.eventType)).toEqual([
      'CustomerUserSignedUp',
      'CustomerUserVerified',
      'CustomerPasswordResetRequested',
      'CustomerPasswordChanged',
    ]);
  });

  it("answers the same for an unknown email and for another provider's customer, and mails nothing", async () => {
    const { email } = await signUpAndVerify(provider);
    const seen = (await mailsTo(email)).length;
    const res = await invoke(customerResetPassword, { token: other.token, body: { email } });
    expect(res.status).toBe(200);
    expect((await invoke(customerResetPassword, { token: provider.token, body: { email: uniqueEmail('none') } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect((await mailsTo(email)).length).toBe(seen);
  });

  it('answers 400 for a bad email and 403 for a customer token', async () => {
    expect((await invoke(customerResetPassword, { token: provider.token, body: { email: 'nope' } })).status).toBe(400);
    const customer = await testCustomerSession(provider);
    expect((await invoke(customerResetPassword, { token: customer.token, body: { email: customer.email } })).status).toBe(403);
  });
});
