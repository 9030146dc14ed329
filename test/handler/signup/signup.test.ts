import { describe, expect, it } from 'vitest';
import { operation as signup } from '#functions/signup/signup.ts';
import { operation as validateToken } from '#functions/signup/validate-token.ts';
import { operation as resetPassword } from '#functions/signup/reset-password.ts';
import { operation as changePassword } from '#functions/signup/change-password.ts';
import { operation as regenerateToken } from '#functions/signup/regenerate-token.ts';
import { operation as signin } from '#functions/signin/signin.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { commit } from '#shared/data/store.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { findUserByEmail, type UserItem } from '#shared/data/entities/user.ts';
import { newOneTimeTokenItem } from '#shared/data/entities/one-time-token.ts';
import { hashToken } from '#shared/domain/one-time-token.ts';
import { invoke } from '../../support/invoke.ts';
import { linkParams, mailsTo, uniqueEmail, waitForMail } from '../../support/identity-flow.ts';

async function signUp(email = uniqueEmail('su'), password = 'password-123') {
  const res = await invoke(signup, { body: { email, password, name: 'Sign Up', legalCompanyName: 'SU Ltd' } });
  expect(res.status).toBe(200);
  const mail = await waitForMail(email);
  return { email, password, token: linkParams(mail).token, mail };
}

describe('Signup', () => {
  it('creates the org and a NOT_ENABLED root user with a hashed password, and mails a verification link', async () => {
    const email = uniqueEmail('su');
    const res = await invoke(signup, {
      body: { email: ` ${email.toUpperCase()} `, password: 'password-123', name: 'Ann', legalCompanyName: 'Ann Co', companyDescription: 'd', companyUrl: 'https://ann.example' },
      headers: { authorization: 'Bearer undefined' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const user = (await findUserByEmail(email))!;
    expect(user).toMatchObject({ email, name: 'Ann', role: 'root', status: 'NOT_ENABLED', gsi2pk: `USER#${user.userId}` });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(await getOrg(user.orgId)).toMatchObject({ name: 'Ann Co', description: 'd', url: 'https://ann.example', legalCompanyName: 'Ann Co' });
    // The org counts its root user against the member limit from the start.
    expect((await getOrg(user.orgId))!.memberCount).toBe(1);

    const mail = await waitForMail(email);
    expect(mail.to).toBe(email);
    expect(mail.html).toContain('href=');
    const { url, email: linkEmail, token } = linkParams(mail);
    expect(url.origin).toBe(new URL(process.env.PUBLIC_URL ?? 'http://127.0.0.1:8080').origin);
    expect(linkEmail).toBe(email);
    // Only the hash is stored.
    const stored = await getItem<Record<string, unknown>>(keys.oneTimeToken(hashToken(token)));
    expect(stored).toMatchObject({ purpose: 'verify', userId: user.userId, orgId: user.orgId, email });
    expect(stored!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3600);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('accepts lower-cased body keys and defaults the org name to the user name', async () => {
    const email = uniqueEmail('lc');
    const res = await invoke(signup, { body: { EMAIL: email, Password: 'password-123', name: 'Lee', legalcompanyname: '' } });
    expect(res.status).toBe(200);
    const user = (await findUserByEmail(email))!;
    expect((await getOrg(user.orgId))!.name).toBe('Lee');
  });

  it('refuses a taken email with 409, also when two signups race', async () => {
    const email = uniqueEmail('dup');
    const body = { email, password: 'password-123', name: 'Dup' };
    const results = await Promise.all([invoke(signup, { body }), invoke(signup, { body })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const again = await invoke(signup, { body: { ...body, email: email.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ name: 'invalid_state', message: 'a user with this email already exists' });
  });

  it('answers 400 naming the field for bad input', async () => {
    const noEmail = await invoke(signup, { body: { password: 'password-123', name: 'x' } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.json.message).toContain('body.email is required');
    const badEmail = await invoke(signup, { body: { email: 'not-an-email', password: 'password-123', name: 'x' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.message).toContain('body.email');
    const weak = await invoke(signup, { body: { email: uniqueEmail(), password: '1234567', name: 'x' } });
    expect(weak.status).toBe(400);
    expect(weak.json.message).toContain('body.password must be at least 8 characters');
    const junk = await invoke(signup, { rawBody: 'nope{' });
    expect(junk.status).toBe(400);
    expect(junk.json.name).toBe('bad_request');
  });

  it('bounds every field, the password too (scrypt over a huge input would burn CPU)', async () => {
    const base = { email: uniqueEmail('b'), password: 'password-123', name: 'B' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, password: 'p'.repeat(257) }, 'body.password: must be at most 256 characters'],
      [{ ...base, email: `${'e'.repeat(250)}@example.com` }, 'body.email: must be at most 254 characters'],
      [{ ...base, name: 'n'.repeat(201) }, 'body.name: must be at most 200 characters'],
      [{ ...base, legalCompanyName: 'l'.repeat(201) }, 'body.legalCompanyName: must be at most 200 characters'],
      [{ ...base, companyDescription: 'd'.repeat(2001) }, 'body.companyDescription: must be at most 2000 characters'],
    ];
    for (const [body, message] of cases) {
      const res = await invoke(signup, { body });
      expect(res.status).toBe(400);
      expect(res.json.message).toContain(message);
    }
  });
});

describe('ValidateToken', () => {
  it('activates the user once; the token cannot be replayed', async () => {
    const { email, token } = await signUp();
    const res = await invoke(validateToken, { body: { email, token } });
    expect(res.status).toBe(200);
    expect((await findUserByEmail(email))!.status).toBe('ACTIVE');
    const replay = await invoke(validateToken, { body: { email, token } });
    expect(replay.status).toBe(400);
    expect(replay.json.message).toBe('the token is invalid or has expired');
  });

  it('rejects a token for another email, a made-up token and an expired one', async () => {
    const a = await signUp();
    const b = await signUp();
    expect((await invoke(validateToken, { body: { email: b.email, token: a.token } })).status).toBe(400);
    expect((await invoke(validateToken, { body: { email: a.email, token: 'x'.repeat(43) } })).status).toBe(400);
    const user = (await findUserByEmail(a.email))!;
    const expired = 'expired-token-value-for-test-' + Date.now();
    const item = newOneTimeTokenItem(hashToken(expired), { purpose: 'verify', userId: user.userId, orgId: user.orgId, email: a.email, expiresAt: Math.floor(Date.now() / 1000) - 1 });
    await commit({ puts: [{ item }] });
    expect((await invoke(validateToken, { body: { email: a.email, token: expired } })).status).toBe(400);
    expect((await findUserByEmail(a.email))!.status).toBe('NOT_ENABLED');
  });

  it('lets exactly one of two concurrent uses succeed', async () => {
    const { email, token } = await signUp();
    const results = await Promise.all([invoke(validateToken, { body: { email, token } }), invoke(validateToken, { body: { email, token } })]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    // The loser either saw the token gone (400) or lost the transaction that spends it (409, as it always has).
    const loser = results.find((r) => r.status !== 200)!;
    expect(['400 the token is invalid or has expired', '409 a concurrent change conflicted with this request; retry it']).toContain(
      `${loser.status} ${loser.json.message}`,
    );
  });
});

describe('RegenerateToken', () => {
  it('mails a fresh verification token to an unverified user', async () => {
    const { email, token: first } = await signUp();
    const user = (await findUserByEmail(email))!;
    const seen = (await mailsTo(email)).length;
    const res = await invoke(regenerateToken, { params: { id: `"${user.userId}"` }, headers: { authorization: 'Bearer undefined' } });
    expect(res.status).toBe(200);
    const { token } = linkParams(await waitForMail(email, seen));
    expect(token).not.toBe(first);
    expect((await invoke(validateToken, { body: { email, token } })).status).toBe(200);
  });

  it('answers 404 for an unknown id and 409 once verified', async () => {
    expect((await invoke(regenerateToken, { params: { id: 'user-doesnotexi' } })).status).toBe(404);
    const { email, token } = await signUp();
    await invoke(validateToken, { body: { email, token } });
    const user = (await findUserByEmail(email))!;
    const res = await invoke(regenerateToken, { params: { id: user.userId } });
    expect(res.status).toBe(409);
  });
});

async function verified() {
  const s = await signUp();
  await invoke(validateToken, { body: { email: s.email, token: s.token } });
  return s;
}

describe('ResetPassword', () => {
  it('answers the same for unknown emails and sends nothing', async () => {
    const ghost = uniqueEmail('ghost');
    const res = await invoke(resetPassword, { body: { email: ghost } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(await mailsTo(ghost)).toEqual([]);
  });
});

describe('ChangePassword', () => {
  it('sets a new password once with the token ResetPassword mails', async () => {
    const { email, password } = await verified();
    const seen = (await mailsTo(email)).length;
    expect((await invoke(resetPassword, { body: { email } })).status).toBe(200);
    const mail = await waitForMail(email, seen);
    expect(mail.subject).toMatch(/reset/i);
    const { token } = linkParams(mail);
    const stored = await getItem<{ purpose: string; expiresAt: number }>(keys.oneTimeToken(hashToken(token)));
    expect(stored!.purpose).toBe('reset');
    expect(stored!.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);

    // A weak password is refused before the token is spent.
    const weak = await invoke(changePassword, { body: { email, token, password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.json.message).toContain('body.password');
    expect((await invoke(changePassword, { body: { email, token, password: 'new-password-1' } })).status).toBe(200);
    expect((await invoke(changePassword, { body: { email, token, password: 'new-password-2' } })).status).toBe(400);

    expect((await invoke(signin, { body: { email, password } })).status).toBe(400);
    expect((await invoke(signin, { body: { email, password: 'new-password-1' } })).status).toBe(200);
  });

  it('does not accept a verification token as a reset token', async () => {
    const { email, token } = await signUp();
    const res = await invoke(changePassword, { body: { email, token, password: 'new-password-1' } });
    expect(res.status).toBe(400);
    const user: UserItem = (await findUserByEmail(email))!;
    expect(user.status).toBe('NOT_ENABLED');
  });

  it('names missing fields', async () => {
    const res = await invoke(changePassword, { body: { email: uniqueEmail() } });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('body.token is required');
    expect(res.json.message).toContain('body.password is required');
  });
});
