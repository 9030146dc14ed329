import { describe, expect, it } from 'vitest';
import { operation as describeUser } from '#functions/users/describe-user.ts';
import { operation as updateUser } from '#functions/users/update-user.ts';
import { operation as updatePassword } from '#functions/users/update-password.ts';
import { operation as logout } from '#functions/users/logout.ts';
import { operation as signin } from '#functions/signin/signin.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { getUser } from '#shared/data/entities/user.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { issueToken } from '#shared/auth/jwt.ts';
import { invoke } from '../../support/invoke.ts';
import { testMember as member, testSession } from '../../support/session.ts';
import { contractProblems } from '../../support/contract.ts';

describe('DescribeUser', () => {
  it('returns the caller with every org field, within the contract', async () => {
    const s = await testSession('editor', 'Describe Org');
    const res = await invoke(describeUser, { token: s.token });
    expect(res.status).toBe(200);
    expect(contractProblems('DescribeUser', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({
      id: s.userId,
      email: s.email,
      roleType: 'editor',
      status: 'ACTIVE',
      enabled: true,
      orgId: s.orgId,
      orgName: 'Describe Org',
      orgDescription: '',
      orgLogoURL: '',
      planName: '',
    });
    expect(res.json.passwordHash).toBeUndefined();
  });

  it('answers 401 without a valid token', async () => {
    expect((await invoke(describeUser, {})).status).toBe(401);
    expect((await invoke(describeUser, { token: 'nope' })).status).toBe(401);
  });
});

describe('UpdateUser', () => {
  it('updates the caller\'s name and address; root/admin also update the org', async () => {
    const s = await testSession('admin');
    const address = { addressLine1: '1 Main St', city: 'Town', country: 'US', state: 'CA', zip: '90000' };
    const res = await invoke(updateUser, { token: s.token, params: { id: s.userId }, body: { name: 'New Name', address, orgName: 'Renamed', orgSupportEmail: 'help@x.io', unknownKey: 1 } });
    expect(res.status).toBe(200);
    const me = await invoke(describeUser, { token: s.token });
    expect(me.json).toMatchObject({ name: 'New Name', address, orgName: 'Renamed', orgSupportEmail: 'help@x.io' });
    expect(contractProblems('DescribeUser', 200, me.json)).toEqual([]);
  });

  it('lets a reader edit their own profile but not the org, and nobody edits someone else', async () => {
    const root = await testSession('root');
    const reader = await member(root, 'reader');
    expect((await invoke(updateUser, { token: reader.token, params: { id: reader.userId }, body: { name: 'Reader R' } })).status).toBe(200);
    expect((await getUser(root.orgId, reader.userId))!.name).toBe('Reader R');
    const org = await invoke(updateUser, { token: reader.token, params: { id: reader.userId }, body: { orgName: 'Hijack' } });
    expect(org.status).toBe(403);
    expect((await getOrg(root.orgId))!.name).toBe('Test Org');
    const other = await invoke(updateUser, { token: root.token, params: { id: reader.userId }, body: { name: 'X' } });
    expect(other.status).toBe(403);
    const bad = await invoke(updateUser, { token: root.token, params: { id: root.userId }, body: { address: { city: 'only' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.address.addressLine1');
  });

  it('bounds every field', async () => {
    const s = await testSession('admin');
    const address = { addressLine1: '1 Main St', city: 'c'.repeat(257), country: 'US', state: 'CA', zip: '90000' };
    const cases: [Record<string, unknown>, string][] = [
      [{ address }, 'body.address.city: must be at most 256 characters'],
      [{ name: 'n'.repeat(201) }, 'body.name: must be at most 200 characters'],
      [{ orgURL: 'u'.repeat(2001) }, 'body.orgURL: must be at most 2000 characters'],
    ];
    for (const [body, message] of cases) {
      const res = await invoke(updateUser, { token: s.token, params: { id: s.userId }, body });
      expect(res.status).toBe(400);
      expect(res.json.message).toContain(message);
    }
  });
});

describe('UpdatePassword', () => {
  it('needs the current password', async () => {
    const root = await testSession('root');
    const m = await member(root, 'reader');
    const missing = await invoke(updatePassword, { token: m.token, body: { password: 'new-password-1' } });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('currentPassword');
    const wrong = await invoke(updatePassword, { token: m.token, body: { currentPassword: 'not-this-one', password: 'new-password-1' } });
    expect(wrong.status).toBe(400);
    const weak = await invoke(updatePassword, { token: m.token, body: { currentPassword: m.password, password: 'weak' } });
    expect(weak.status).toBe(400);
    const ok = await invoke(updatePassword, { token: m.token, body: { currentPassword: m.password, password: 'new-password-1' } });
    expect(ok.status).toBe(200);
    expect((await invoke(signin, { body: { email: m.email, password: 'new-password-1' } })).status).toBe(200);
    expect((await invoke(signin, { body: { email: m.email, password: m.password } })).status).toBe(400);
  });
});

describe('Logout', () => {
  it('revokes the token until it would have expired', async () => {
    const s = await testSession('reader');
    const res = await invoke(logout, { token: s.token });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    const after = await invoke(describeUser, { token: s.token });
    expect(after.status).toBe(401);
    const { decodeJwt } = await import('jose');
    const { jti, exp } = decodeJwt(s.token);
    const row = await getItem<{ expiresAt: number }>(keys.revokedSession(String(jti)));
    expect(row!.expiresAt).toBe(exp);
    // Another session of the same user is unaffected.
    const other = await issueToken({ userId: s.userId, orgId: s.orgId, role: s.role, email: s.email });
    expect((await invoke(describeUser, { token: other })).status).toBe(200);
  });
});
