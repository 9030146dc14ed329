/**
 * Test identities without going through signup: writes an org and an ACTIVE user straight into the
 * table and issues a real JWT for it. Use for handler/integration tests of non-identity operations;
 * e2e tests of identity itself go through the HTTP flow.
 */
import { randomBytes } from 'node:crypto';
import { createOrgWithUser } from '#shared/data/repositories/identity.ts';
import { issueToken } from '#shared/auth/jwt.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import type { Role } from '#shared/auth/caller.ts';

export interface TestSession {
  token: string;
  orgId: string;
  userId: string;
  email: string;
  role: Role;
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
