import { describe, expect, it } from 'vitest';
import type { Caller, Role } from '#shared/auth/caller.ts';
import type { UserItem } from '#shared/data/entities/user.ts';
import type { OrgItem } from '#shared/data/entities/org.ts';
import type { OneTimeTokenItem } from '#shared/data/entities/one-time-token.ts';
import {
  assertCanInvite,
  assertCanRevoke,
  assertCanSignIn,
  byJoinOrder,
  departureOf,
  invitedName,
  NOT_VERIFIED,
  profileChanges,
  userView,
  WRONG_CREDENTIALS,
} from '#shared/domain/user.ts';
import { assertUsableToken, INVALID_TOKEN, TOKEN_TTL_SECONDS, tokenExpiry } from '#shared/domain/one-time-token.ts';

const user = (userId: string, role: Role, extra: Partial<UserItem> = {}): UserItem => ({
  pk: 'p',
  sk: 's',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  entity: 'user',
  userId,
  orgId: 'org-1',
  email: `${userId}@example.com`,
  name: userId,
  role,
  status: 'ACTIVE',
  passwordHash: 'h',
  gsi2pk: 'g',
  gsi2sk: 'g',
  ...extra,
});
const caller = (userId: string, role: Role): Caller => ({ userId, orgId: 'org-1', role, email: '', jti: 'j', exp: 0 });

describe('departureOf (DeleteUser)', () => {
  it('takes the org along with its last member', () => {
    const me = user('a', 'root');
    expect(departureOf(me, [me])).toEqual({ kind: 'lastMember' });
  });

  it('lets a non-root leave, and a root only while another root stays', () => {
    const me = user('a', 'root');
    const reader = user('b', 'reader');
    const root2 = user('c', 'root');
    expect(departureOf(reader, [me, reader])).toEqual({ kind: 'member' });
    expect(departureOf(me, [me, reader, root2])).toEqual({ kind: 'keepRoot', root: root2 });
    expect(() => departureOf(me, [me, reader])).toThrow(expect.objectContaining({ name: 'InvalidState' }));
  });
});

describe('assertCanRevoke (RevokeUserRole)', () => {
  const root = caller('a', 'root');
  const admin = caller('b', 'admin');
  it('hides other orgs and missing users alike (404)', () => {
    expect(() => assertCanRevoke(root, undefined, 'reader')).toThrow(/not found/);
    expect(() => assertCanRevoke(root, user('x', 'reader', { orgId: 'org-2' }), 'reader')).toThrow(/not found/);
  });
  it('refuses yourself, a wrong role, and a non-root revoking a root', () => {
    expect(() => assertCanRevoke(root, user('a', 'root'), 'root')).toThrow(/your own role/);
    expect(() => assertCanRevoke(root, user('x', 'reader'), 'editor')).toThrow(/has role reader, not editor/);
    expect(() => assertCanRevoke(admin, user('x', 'root'), 'root')).toThrow(expect.objectContaining({ name: 'Forbidden' }));
    expect(() => assertCanRevoke(root, user('x', 'root'), 'root')).not.toThrow();
  });
});

describe('assertCanInvite (InviteUser)', () => {
  it('lets only a root invite a root', () => {
    expect(() => assertCanInvite(caller('a', 'admin'), 'root')).toThrow(expect.objectContaining({ name: 'Forbidden' }));
    expect(() => assertCanInvite(caller('a', 'admin'), 'admin')).not.toThrow();
    expect(() => assertCanInvite(caller('a', 'root'), 'root')).not.toThrow();
  });
  it('names an invitee after the local part of the address', () => {
    expect(invitedName('jane.doe@example.com')).toBe('jane.doe');
  });
});

describe('profileChanges (UpdateUser)', () => {
  it('maps org fields onto the org item and keeps user fields apart', () => {
    const address = { addressLine1: '1 Main', city: 'T', country: 'US', state: 'CA', zip: '1' };
    expect(profileChanges(caller('a', 'admin'), 'a', { name: 'N', address, orgName: 'O', orgURL: 'u', orgCookiePolicy: 'c' })).toEqual({
      user: { name: 'N', address },
      org: { name: 'O', url: 'u', cookiePolicy: 'c' },
    });
    expect(profileChanges(caller('a', 'reader'), 'a', { name: 'N' })).toEqual({ user: { name: 'N' } });
    expect(profileChanges(caller('a', 'reader'), 'a', {})).toEqual({});
  });
  it('refuses another id (whether or not it exists) and org fields without admin rights', () => {
    expect(() => profileChanges(caller('a', 'root'), 'b', { name: 'N' })).toThrow(/their own profile/);
    expect(() => profileChanges(caller('a', 'editor'), 'a', { orgName: 'O' })).toThrow(/cannot change the org/);
  });
});

describe('views', () => {
  it('show a user with their org, empty strings for what the org lacks, never the hash', () => {
    const org = { name: 'Org', description: 'd', url: 'u', logoURL: 'l' } as OrgItem;
    const view = userView(user('a', 'editor', { status: 'NOT_ENABLED' }), org);
    expect(view).toMatchObject({ id: 'a', roleType: 'editor', status: 'NOT_ENABLED', enabled: false, orgName: 'Org', orgLogoURL: 'l', orgFavIconURL: '', planName: '' });
    expect(view.lastModifiedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(JSON.stringify(view)).not.toContain('passwordHash');
    expect(userView(user('a', 'reader'), undefined).orgName).toBe('');
  });
  it('list members in the order they joined, ids breaking ties', () => {
    const a = user('b', 'reader', { createdAt: '2026-01-01T00:00:00.000Z' });
    const b = user('a', 'reader', { createdAt: '2026-01-01T00:00:00.000Z' });
    const c = user('c', 'reader', { createdAt: '2025-12-31T00:00:00.000Z' });
    expect([a, b, c].sort(byJoinOrder).map((u) => u.userId)).toEqual(['c', 'a', 'b']);
  });
});

describe('assertCanSignIn (Signin)', () => {
  it('answers the same for an unknown user and a wrong password, and 409 before verification', () => {
    expect(() => assertCanSignIn(undefined, false)).toThrow(WRONG_CREDENTIALS);
    expect(() => assertCanSignIn(user('a', 'root'), false)).toThrow(WRONG_CREDENTIALS);
    expect(() => assertCanSignIn(user('a', 'root', { status: 'NOT_ENABLED' }), false)).toThrow(WRONG_CREDENTIALS);
    expect(() => assertCanSignIn(user('a', 'root', { status: 'NOT_ENABLED' }), true)).toThrow(NOT_VERIFIED);
    expect(() => assertCanSignIn(user('a', 'root'), true)).not.toThrow();
  });
});

describe('assertUsableToken', () => {
  const now = Date.UTC(2026, 0, 1);
  const token = (extra: Partial<OneTimeTokenItem> = {}) =>
    ({ purpose: 'reset', email: 'a@example.com', expiresAt: tokenExpiry('reset', now), ...extra }) as OneTimeTokenItem;
  it('accepts a token of the right purpose and email until it expires', () => {
    expect(() => assertUsableToken(token(), 'A@example.com', ['reset', 'invite'], now)).not.toThrow();
    expect(() => assertUsableToken(token(), 'a@example.com', ['reset'], now + (TOKEN_TTL_SECONDS.reset - 1) * 1000)).not.toThrow();
  });
  it('refuses every other case with the same message', () => {
    for (const [item, email, at] of [
      [undefined, 'a@example.com', now],
      [token({ purpose: 'verify' }), 'a@example.com', now],
      [token(), 'b@example.com', now],
      [token(), 'a@example.com', now + TOKEN_TTL_SECONDS.reset * 1000],
    ] as const) {
      expect(() => assertUsableToken(item, email, ['reset', 'invite'], at)).toThrow(INVALID_TOKEN);
    }
  });
});
