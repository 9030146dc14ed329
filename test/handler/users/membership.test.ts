import { describe, expect, it } from 'vitest';
import { operation as describeUser } from '#functions/users/describe-user.ts';
import { operation as deleteUser } from '#functions/users/delete-user.ts';
import { operation as describeUsersByOrg } from '#functions/users/describe-users-by-org.ts';
import { operation as inviteUser } from '#functions/users/invite-user.ts';
import { operation as revokeUserRole } from '#functions/users/revoke-user-role.ts';
import { operation as changePassword } from '#functions/signup/change-password.ts';
import { operation as regenerateToken } from '#functions/signup/regenerate-token.ts';
import { operation as signin } from '#functions/signin/signin.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { findUserByEmail, getUser } from '#shared/data/entities/user.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testMember as member, testSession } from '../../support/session.ts';
import { contractProblems } from '../../support/contract.ts';
import { linkParams, mailsTo, uniqueEmail, waitForMail } from '../../support/identity-flow.ts';

describe('DescribeUsersByOrg', () => {
  it('lists the members of the caller\'s org only', async () => {
    const root = await testSession('root');
    const reader = await member(root, 'reader');
    await testSession('root'); // another org
    const res = await invoke(describeUsersByOrg, { token: reader.token });
    expect(res.status).toBe(200);
    expect(contractProblems('DescribeUsersByOrg', 200, res.json)).toEqual([]);
    expect(res.json.Id).toBe(root.orgId);
    expect(res.json.orgUsers.map((u: { userId: string }) => u.userId).sort()).toEqual([root.userId, reader.userId].sort());
    expect(res.json.orgUsers.find((u: { userId: string }) => u.userId === reader.userId)).toMatchObject({ email: reader.email, roleType: 'reader' });
  });
});

describe('users-api#InviteUser', () => {
  it('adds a NOT_ENABLED member and mails an invitation that ChangePassword accepts', async () => {
    const root = await testSession('root', 'Inviting Org');
    const email = uniqueEmail('inv');
    const res = await invoke(inviteUser, { token: root.token, body: { email: email.toUpperCase(), roleType: 'Editor' } });
    expect(res.status).toBe(200);
    const invited = (await findUserByEmail(email))!;
    expect(invited).toMatchObject({ orgId: root.orgId, role: 'editor', status: 'NOT_ENABLED', passwordHash: '', invitedBy: root.userId });
    const mail = await waitForMail(email);
    expect(mail.subject).toContain('Inviting Org');
    // Cannot sign in before accepting.
    expect((await invoke(signin, { body: { email, password: 'anything-1' } })).json.message).toBe('wrong user email or password');

    // RegenerateToken re-sends an invitation (not a verification) to a user with no password yet.
    const seen = (await mailsTo(email)).length;
    expect((await invoke(regenerateToken, { params: { id: invited.userId } })).status).toBe(200);
    const again = await waitForMail(email, seen);
    expect(again.subject).toContain('invited');

    const { token } = linkParams(again);
    expect((await invoke(changePassword, { body: { email, token, password: 'chosen-password' } })).status).toBe(200);
    expect((await findUserByEmail(email))!.status).toBe('ACTIVE');
    const signedIn = await invoke(signin, { body: { email, password: 'chosen-password' } });
    expect(signedIn.status).toBe(200);
  });

  it('refuses readers and editors (403), unknown roles (400) and admins inviting roots (403)', async () => {
    const root = await testSession('root');
    const reader = await member(root, 'reader');
    const editor = await member(root, 'editor');
    const admin = await member(root, 'admin');
    for (const s of [reader, editor]) {
      const res = await invoke(inviteUser, { token: s.token, body: { email: uniqueEmail(), roleType: 'reader' } });
      expect(res.status).toBe(403);
    }
    const bad = await invoke(inviteUser, { token: root.token, body: { email: uniqueEmail(), roleType: 'overlord' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.roleType');
    const escalate = await invoke(inviteUser, { token: admin.token, body: { email: uniqueEmail(), roleType: 'root' } });
    expect(escalate.status).toBe(403);
    expect((await invoke(inviteUser, { token: admin.token, body: { email: uniqueEmail(), roleType: 'admin' } })).status).toBe(200);
  });

  it('answers 409 for an email that already has a user, also under a race', async () => {
    const root = await testSession('root');
    const other = await testSession('root');
    expect((await invoke(inviteUser, { token: root.token, body: { email: other.email, roleType: 'reader' } })).status).toBe(409);
    const email = uniqueEmail('race');
    const results = await Promise.all([
      invoke(inviteUser, { token: root.token, body: { email, roleType: 'reader' } }),
      invoke(inviteUser, { token: root.token, body: { email, roleType: 'editor' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('users-api#RevokeUserRole', () => {
  it('removes the member and their email; their token stops working', async () => {
    const root = await testSession('root');
    const m = await member(root, 'editor');
    const res = await invoke(revokeUserRole, { token: root.token, body: { email: m.email, roleType: 'editor' } });
    expect(res.status).toBe(200);
    expect(await getUser(root.orgId, m.userId)).toBeUndefined();
    expect(await getItem(keys.emailGuard(m.email))).toBeUndefined();
    expect((await invoke(describeUser, { token: m.token })).status).toBe(401);
  });

  it('refuses yourself, a wrong role, another org\'s user, and admins revoking roots', async () => {
    const root = await testSession('root');
    const admin = await member(root, 'admin');
    const reader = await member(root, 'reader');
    const stranger = await testSession('reader');
    expect((await invoke(revokeUserRole, { token: root.token, body: { email: root.email, roleType: 'root' } })).status).toBe(409);
    expect((await invoke(revokeUserRole, { token: root.token, body: { email: reader.email, roleType: 'editor' } })).status).toBe(409);
    const cross = await invoke(revokeUserRole, { token: root.token, body: { email: stranger.email, roleType: 'reader' } });
    expect(cross.status).toBe(404);
    expect(cross.json.message).toContain('not found');
    expect((await invoke(revokeUserRole, { token: admin.token, body: { email: root.email, roleType: 'root' } })).status).toBe(403);
    expect((await invoke(revokeUserRole, { token: reader.token, body: { email: admin.email, roleType: 'admin' } })).status).toBe(403);
    expect((await invoke(revokeUserRole, { token: admin.token, body: { email: reader.email, roleType: 'reader' } })).status).toBe(200);
  });

  it('lets a root revoke another root', async () => {
    const root = await testSession('root');
    const root2 = await member(root, 'root');
    expect((await invoke(revokeUserRole, { token: root.token, body: { email: root2.email, roleType: 'root' } })).status).toBe(200);
  });
});

describe('DeleteUser', () => {
  it('deletes the last member together with the org', async () => {
    const s = await testSession('root');
    const res = await invoke(deleteUser, { token: s.token });
    expect(res.status).toBe(200);
    expect(await getUser(s.orgId, s.userId)).toBeUndefined();
    expect(await getOrg(s.orgId)).toBeUndefined();
    expect(await getItem(keys.emailGuard(s.email))).toBeUndefined();
    expect((await invoke(describeUser, { token: s.token })).status).toBe(401);
  });

  it('refuses the last root of an org with other members (409); a member may leave', async () => {
    const root = await testSession('root');
    const reader = await member(root, 'reader');
    const res = await invoke(deleteUser, { token: root.token });
    expect(res.status).toBe(409);
    expect(res.json.name).toBe('invalid_state');
    expect((await invoke(deleteUser, { token: reader.token })).status).toBe(200);
    expect(await getOrg(root.orgId)).toBeDefined();
    // Counted out again: the root is the one member left.
    expect((await getOrg(root.orgId))!.memberCount).toBe(1);
    expect((await invoke(deleteUser, { token: root.token })).status).toBe(200);
    expect(await getOrg(root.orgId)).toBeUndefined();
  });

  it('never leaves an org with members but no root when two roots leave at once', async () => {
    const root = await testSession('root');
    const root2 = await member(root, 'root');
    await member(root, 'reader');
    const results = await Promise.all([invoke(deleteUser, { token: root.token }), invoke(deleteUser, { token: root2.token })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const left = await invoke(describeUsersByOrg, { token: results[0].status === 200 ? root2.token : root.token });
    expect(left.json.orgUsers.filter((u: { roleType: string }) => u.roleType === 'root')).toHaveLength(1);
  });

  it('lets a reader delete their own account (access self)', async () => {
    const root = await testSession('root');
    const reader = await member(root, 'reader');
    expect((await invoke(deleteUser, { token: reader.token })).status).toBe(200);
    expect(await findUserByEmail(reader.email)).toBeUndefined();
  });
});
