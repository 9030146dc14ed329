import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import {
  inviteAndSignIn,
  linkParams,
  mailsTo,
  signIn,
  signUpVerifyAndSignIn,
  uniqueEmail,
  waitForMail,
} from '../support/identity-flow.ts';

describe('identity over HTTP', () => {
  it('signup → verification mail → validate → signin → GET /user → update password → logout', async () => {
    const email = uniqueEmail('flow');
    const password = 'first-password-1';
    const signup = await http('POST', `${API}/signup`, {
      body: { email, password, name: 'Flow User', legalCompanyName: 'Flow Inc', companyUrl: 'https://flow.example' },
    });
    expect(signup.status).toBe(200);
    expect(signup.text).toBe('');
    expect(signup.headers.get('content-length')).toBe('0');

    const mail = await waitForMail(email);
    expect(mail.subject).toMatch(/verify/i);
    const link = linkParams(mail);
    expect(link.email).toBe(email);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const early = await http('POST', `${API}/signin`, { body: { email, password } });
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(early.status).toBeLessThan(500);
    expect(early.json.message).toMatch(/not verified/);

    const validated = await http('POST', `${API}/validate-token`, { body: { email, token: link.token } });
    expect(validated.status).toBe(200);
    // A token works once.
    const again = await http('POST', `${API}/validate-token`, { body: { email, token: link.token } });
    expect(again.status).toBe(400);

    const signin = await http('POST', `${API}/signin`, { body: { email: email.toUpperCase(), password } });
    expect(signin.status).toBe(200);
    expect(contractProblems('signin-api#Signin', 200, signin.json)).toEqual([]);
    const token = signin.json.jwtToken as string;
    const claims = decodeJwt(token);
    expect(typeof claims.exp).toBe('number');
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(300);
    expect(claims.role).toBe('root');

    const me = await http('GET', `${API}/user`, { token });
    expect(me.status).toBe(200);
    expect(contractProblems('DescribeUser', 200, me.json)).toEqual([]);
    expect(me.json).toMatchObject({
      email,
      name: 'Flow User',
      roleType: 'root',
      status: 'ACTIVE',
      enabled: true,
      orgName: 'Flow Inc',
      orgURL: 'https://flow.example',
    });
    expect(me.json).not.toHaveProperty('passwordHash');

    const wrongCurrent = await http('POST', `${API}/update-password`, {
      token,
      body: { currentPassword: 'not-it-at-all', password: 'second-password-2' },
    });
    expect(wrongCurrent.status).toBe(400);
    const updated = await http('POST', `${API}/update-password`, {
      token,
      body: { currentPassword: password, password: 'second-password-2' },
    });
    expect(updated.status).toBe(200);
    expect((await http('POST', `${API}/signin`, { body: { email, password } })).status).toBe(400);

    const logout = await http('POST', `${API}/logout`, { token });
    expect(logout.status).toBe(200);
    const after = await http('GET', `${API}/user`, { token });
    expect(after.status).toBe(401);
    expect(after.json.name).toBe('auth_failure');

    // The new password works and gives a fresh, valid session.
    const fresh = await signIn(email, 'second-password-2');
    expect((await http('GET', `${API}/user`, { token: fresh })).status).toBe(200);
  });

  it('a wrong password and an unknown email get the same 400 message', async () => {
    const user = await signUpVerifyAndSignIn();
    for (const body of [
      { email: user.email, password: 'definitely-wrong' },
      { email: uniqueEmail('nobody'), password: 'definitely-wrong' },
    ]) {
      const res = await http('POST', `${API}/signin`, { body });
      expect(res.status).toBe(400);
      expect(res.json.name).toBe('bad_request');
      expect(res.json.message).toContain('wrong user email or password');
    }
  });

  it('refuses a second signup with the same email (any case)', async () => {
    const user = await signUpVerifyAndSignIn();
    const res = await http('POST', `${API}/signup`, {
      body: { email: user.email.toUpperCase(), password: 'another-password', name: 'Copycat' },
    });
    expect(res.status).toBe(409);
    expect(res.json.name).toBe('invalid_state');
  });

  it('invites a reader who cannot mutate; revoking removes them; other orgs see nothing', async () => {
    const root = await signUpVerifyAndSignIn();
    const reader = await inviteAndSignIn(root.token, 'reader');
    expect(reader.orgId).toBe(root.orgId);

    const list = await http('GET', `${API}/org-users`, { token: reader.token });
    expect(list.status).toBe(200);
    expect(contractProblems('DescribeUsersByOrg', 200, list.json)).toEqual([]);
    expect(list.json.Id).toBe(root.orgId);
    expect(list.json.orgUsers.map((u: { email: string }) => u.email).sort()).toEqual([root.email, reader.email].sort());

    const invite = await http('POST', `${API}/invite-user`, {
      token: reader.token,
      body: { email: uniqueEmail('x'), roleType: 'editor' },
    });
    expect(invite.status).toBe(403);
    expect(invite.json.name).toBe('forbidden');
    const revoke = await http('DELETE', `${API}/revoke-user-role`, {
      token: reader.token,
      body: { email: root.email, roleType: 'root' },
    });
    expect(revoke.status).toBe(403);
    const orgEdit = await http('PATCH', `${API}/user/${reader.userId}`, { token: reader.token, body: { orgName: 'Mine now' } });
    expect(orgEdit.status).toBe(403);
    // …but their own profile is theirs.
    const ownEdit = await http('PATCH', `${API}/user/${reader.userId}`, { token: reader.token, body: { name: 'Rea Der' } });
    expect(ownEdit.status).toBe(200);

    const dup = await http('POST', `${API}/invite-user`, { token: root.token, body: { email: reader.email, roleType: 'editor' } });
    expect(dup.status).toBe(409);

    const stranger = await signUpVerifyAndSignIn();
    const theirs = await http('GET', `${API}/org-users`, { token: stranger.token });
    expect(theirs.json.orgUsers.map((u: { email: string }) => u.email)).toEqual([stranger.email]);
    const cross = await http('DELETE', `${API}/revoke-user-role`, {
      token: stranger.token,
      body: { email: reader.email, roleType: 'reader' },
    });
    expect(cross.status).toBe(404);

    const revoked = await http('DELETE', `${API}/revoke-user-role`, {
      token: root.token,
      body: { email: reader.email, roleType: 'reader' },
    });
    expect(revoked.status).toBe(200);
    expect((await http('GET', `${API}/user`, { token: reader.token })).status).toBe(401);
    const left = await http('GET', `${API}/org-users`, { token: root.token });
    expect(left.json.orgUsers).toHaveLength(1);
  });

  it('resets a forgotten password with a one-time token', async () => {
    const user = await signUpVerifyAndSignIn();
    const seen = (await mailsTo(user.email)).length;
    expect((await http('POST', `${API}/reset-password`, { body: { email: user.email } })).status).toBe(200);
    // No enumeration: an unknown address answers the same.
    const unknown = await http('POST', `${API}/reset-password`, { body: { email: uniqueEmail('ghost') } });
    expect(unknown.status).toBe(200);
    const { token } = linkParams(await waitForMail(user.email, seen));
    const changed = await http('POST', `${API}/change-password`, { body: { email: user.email, token, password: 'brand-new-pass' } });
    expect(changed.status).toBe(200);
    const reused = await http('POST', `${API}/change-password`, { body: { email: user.email, token, password: 'another-new-pass' } });
    expect(reused.status).toBe(400);
    expect(await signIn(user.email, 'brand-new-pass')).toBeTruthy();
  });

  it('rejects malformed JSON and names a missing field', async () => {
    const bad = await http('POST', `${API}/signup`, { rawBody: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.json.name).toBe('bad_request');
    const missing = await http('POST', `${API}/signup`, { body: { email: uniqueEmail('m'), name: 'No Password' } });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('password');
    const weak = await http('POST', `${API}/signup`, { body: { email: uniqueEmail('w'), name: 'Weak', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.json.message).toMatch(/password.*at least 8/);
  });
});
