/**
 * Test identities without going through signup: writes an org and an ACTIVE user straight into the
 * table (through the identity entities' builders and the one write path) and issues a real JWT for it. Use
 * for handler/integration tests of non-identity operations; e2e tests of identity itself go through the
 * HTTP flow.
 */
import { randomBytes } from 'node:crypto';
import { memberCounter, newOrgItem, type NewOrg, type OrgItem } from '#shared/data/entities/org.ts';
import { customerEmailGuard, emailGuard, newCustomerUserItem, newUserItem, type NewUser, type UserItem } from '#shared/data/entities/user.ts';
import { newRevokedSessionItem } from '#shared/data/entities/revoked-session.ts';
import { commit, withRetry } from '#shared/data/store.ts';
import { forgetSessions } from '#shared/auth/authenticate.ts';
import { issueToken } from '#shared/auth/jwt.ts';
import { hashPassword } from '#shared/auth/password.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import type { CustomerScope, PortalEnvironmentType, Role } from '#shared/auth/caller.ts';

export interface TestSession {
  token: string;
  orgId: string;
  userId: string;
  email: string;
  role: Role;
}

/** An org with its first user, written the way Signup writes them (409 when the email is taken). */
export async function createOrgWithUser(org: NewOrg, user: NewUser): Promise<{ org: OrgItem; user: UserItem }> {
  const orgItem = newOrgItem(org, 1);
  const userItem = newUserItem(user);
  await withRetry(() => commit({ puts: [{ item: orgItem }, { item: userItem }], guardsAdd: [emailGuard(userItem)] }));
  return { org: orgItem, user: userItem };
}

/** Another user in an existing org, written the way InviteUser writes one (counted against the member limit). */
export async function addUserToOrg(user: NewUser): Promise<UserItem> {
  const item = newUserItem(user);
  await withRetry(() => commit({ puts: [{ item }], guardsAdd: [emailGuard(item)], counters: [memberCounter(user.orgId, 1)] }));
  return item;
}

/** A fresh org with one user of `role` (root by default). */
export async function testSession(role: Role = 'root', orgName = 'Test Org'): Promise<TestSession> {
  const orgId = newId(ID_PREFIX.org);
  const userId = newId(ID_PREFIX.user);
  const email = `t-${randomBytes(6).toString('hex')}@example.com`;
  await createOrgWithUser(
    {
      orgId,
      name: orgName,
      description: '',
      url: '',
      legalCompanyName: orgName,
      serviceProviderId: newId(ID_PREFIX.serviceProvider),
    },
    { userId, orgId, email, name: 'Test User', role, status: 'ACTIVE', passwordHash: 'unusable' },
  );
  return { token: await issueToken({ userId, orgId, role, email }), orgId, userId, email, role };
}

/** Another ACTIVE member of `org`'s org, with a real password. */
export async function testMember(org: TestSession, role: Role, password = 'password-123'): Promise<TestSession & { password: string }> {
  const userId = newId(ID_PREFIX.user);
  const email = `${role}-${randomBytes(6).toString('hex')}@example.com`;
  await addUserToOrg({ userId, orgId: org.orgId, email, name: `M ${role}`, role, status: 'ACTIVE', passwordHash: await hashPassword(password) });
  return { token: await issueToken({ userId, orgId: org.orgId, role, email }), orgId: org.orgId, userId, email, role, password };
}

/** Revokes a session token as Logout does (and drops this process's cached confirmation of it). */
export async function revokeSession(jti: string, userId: string, exp: number): Promise<void> {
  await withRetry(() => commit({ puts: [{ item: newRevokedSessionItem(jti, userId, exp) }] }));
  forgetSessions({ jti });
}

/**
 * A customer of `provider`: a customer org of its own (with `providerOrgId`) and a root customer user (its
 * email guard scoped to the provider, as CustomerSignup writes it), signed in to the provider's portal of
 * `environmentType` — what CustomerSignin answers.
 */
export async function testCustomerSession(provider: Pick<TestSession, 'orgId'>, environmentType: PortalEnvironmentType = 'PROD'): Promise<TestSession & { customer: CustomerScope }> {
  const orgId = newId(ID_PREFIX.org);
  const userId = newId(ID_PREFIX.user);
  const email = `c-${randomBytes(6).toString('hex')}@example.com`;
  // Written the way CustomerSignup writes a customer (its email guard scoped to the provider), so
  // findCustomerUserByEmail finds it.
  const org = newOrgItem({ orgId, name: 'Customer Org', description: '', url: '', legalCompanyName: 'Customer Org', serviceProviderId: '', providerOrgId: provider.orgId }, 1);
  const user = newCustomerUserItem({ userId, orgId, email, name: 'Customer User', role: 'root', status: 'ACTIVE', passwordHash: 'unusable', providerOrgId: provider.orgId });
  await withRetry(() => commit({ puts: [{ item: org }, { item: user }], guardsAdd: [customerEmailGuard(user)] }));
  const customer: CustomerScope = { providerOrgId: provider.orgId, environmentType };
  return { token: await issueToken({ userId, orgId, role: 'root', email, customer }), orgId, userId, email, role: 'root', customer };
}
