import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { operation as signin } from '#functions/signin/signin.ts';
import { hashPassword } from '#shared/auth/password.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import { invoke } from '../../support/invoke.ts';
import { uniqueEmail } from '../../support/identity-flow.ts';
import { createOrgWithUser } from '../../support/session.ts';

async function account(status: 'ACTIVE' | 'NOT_ENABLED', password = 'password-123') {
  const orgId = newId(ID_PREFIX.org);
  const userId = newId(ID_PREFIX.user);
  const email = uniqueEmail('si');
  await createOrgWithUser(
    { orgId, name: 'SI', description: '', url: '', legalCompanyName: 'SI', serviceProviderId: newId(ID_PREFIX.serviceProvider) },
    { userId, orgId, email, name: 'Si', role: 'root', status, passwordHash: await hashPassword(password) },
  );
  return { orgId, userId, email, password };
}

describe('signin-api#Signin', () => {
  it('returns a JWT with exp, iat, sub, org and role', async () => {
    const a = await account('ACTIVE');
    const res = await invoke(signin, { body: { email: a.email.toUpperCase(), password: a.password }, headers: { authorization: 'Bearer undefined' } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['jwtToken']);
    const claims = decodeJwt(res.json.jwtToken);
    expect(claims).toMatchObject({ sub: a.userId, org: a.orgId, role: 'root', email: a.email });
    expect(claims.exp! - claims.iat!).toBeGreaterThan(300);
    expect(typeof claims.jti).toBe('string');
  });

  it('answers 400 "wrong user email or password" for a wrong password and for an unknown email', async () => {
    const a = await account('ACTIVE');
    for (const body of [{ email: a.email, password: 'wrong-password' }, { email: uniqueEmail('none'), password: a.password }]) {
      const res = await invoke(signin, { body });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ name: 'bad_request', message: 'wrong user email or password' });
    }
  });

  it('refuses an unverified account with a clear 4xx, only once the password is right', async () => {
    const a = await account('NOT_ENABLED');
    const right = await invoke(signin, { body: { email: a.email, password: a.password } });
    expect(right.status).toBe(409);
    expect(right.json.message).toMatch(/not verified/);
    const wrong = await invoke(signin, { body: { email: a.email, password: 'nope-nope' } });
    expect(wrong.json.message).toBe('wrong user email or password');
  });

  it('needs the password and a valid email', async () => {
    const res = await invoke(signin, { body: { email: uniqueEmail(), hashedPassword: 'abc' } });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('body.password is required');
    const bad = await invoke(signin, { body: { password: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.email is required');
    // Bounded before any scrypt runs.
    const huge = await invoke(signin, { body: { email: uniqueEmail(), password: 'p'.repeat(100_000) } });
    expect(huge.status).toBe(400);
    expect(huge.json.message).toContain('body.password: must be at most 256 characters');
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const a = await account('ACTIVE');
    const time = async (email: string) => {
      const t = performance.now();
      await invoke(signin, { body: { email, password: 'wrong-password' } });
      return performance.now() - t;
    };
    await time(a.email); // warm-up
    let known = 0;
    let unknown = 0;
    for (let i = 0; i < 4; i++) {
      known += await time(a.email);
      unknown += await time(uniqueEmail('none'));
    }
    // Both are dominated by one scrypt; an early return for unknown emails would be many times faster.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });
});
