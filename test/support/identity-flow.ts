/**
 * The real identity flow over HTTP, for end-to-end tests that need a signed-in user made the way a client
 * makes one: signup → verification mail from the outbox → ValidateToken → Signin.
 * (Handler tests that only need a token use test/support/session.ts instead.)
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { readOutbox, type OutboxEntry } from '#shared/mail/outbox.ts';
import { API, http } from './http.ts';

export interface SignedInUser {
  token: string;
  email: string;
  password: string;
  name: string;
  userId: string;
  orgId: string;
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomBytes(6).toString('hex')}@example.com`;
}

/** Every message sent to `email`, oldest first. */
export async function mailsTo(email: string): Promise<OutboxEntry[]> {
  const all = await readOutbox(inject('dataDir'));
  return all.filter((m) => m.to.toLowerCase() === email.toLowerCase());
}

/** Waits (briefly) until more than `seen` messages were sent to `email`; returns the newest. */
export async function waitForMail(email: string, seen = 0, timeoutMs = 5000): Promise<OutboxEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(email);
    if (mails.length > seen) return mails[mails.length - 1];
    if (Date.now() > deadline) throw new Error(`no new mail to ${email} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The `email` and `token` query parameters of the first link in a mail. */
export function linkParams(mail: OutboxEntry): { email: string; token: string; url: URL } {
  const m = /https?:\/\/\S+/.exec(mail.text);
  if (!m) throw new Error(`no link in mail "${mail.subject}"`);
  const url = new URL(m[0]);
  return { email: url.searchParams.get('email') ?? '', token: url.searchParams.get('token') ?? '', url };
}

export async function signIn(email: string, password: string): Promise<string> {
  const res = await http('POST', `${API}/signin`, { body: { email, password } });
  if (res.status !== 200) throw new Error(`signin ${email}: ${res.status} ${res.text}`);
  return res.json.jwtToken as string;
}

/** Signs up a fresh org and root user, verifies the email from the outbox, signs in. */
export async function signUpVerifyAndSignIn(
  input: { email?: string; password?: string; name?: string; legalCompanyName?: string } = {},
): Promise<SignedInUser> {
  const email = input.email ?? uniqueEmail('root');
  const password = input.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  const name = input.name ?? 'E2E Root';
  const seen = (await mailsTo(email)).length;
  const signup = await http('POST', `${API}/signup`, {
    body: { email, password, name, legalCompanyName: input.legalCompanyName ?? `Org of ${name}` },
  });
  if (signup.status !== 200) throw new Error(`signup ${email}: ${signup.status} ${signup.text}`);
  const { token: verification } = linkParams(await waitForMail(email, seen));
  const validated = await http('POST', `${API}/validate-token`, { body: { email, token: verification } });
  if (validated.status !== 200) throw new Error(`validate-token ${email}: ${validated.status} ${validated.text}`);
  const token = await signIn(email, password);
  const me = await http('GET', `${API}/user`, { token });
  if (me.status !== 200) throw new Error(`GET /user ${email}: ${me.status} ${me.text}`);
  return { token, email, password, name, userId: me.json.id, orgId: me.json.orgId };
}

/**
 * Invites `email` with `role` into the org of `admin`'s token, accepts the invitation (ChangePassword with
 * the mailed token) and signs the invitee in.
 */
export async function inviteAndSignIn(adminToken: string, role: string, email = uniqueEmail(role)): Promise<SignedInUser> {
  const seen = (await mailsTo(email)).length;
  const invited = await http('POST', `${API}/invite-user`, { token: adminToken, body: { email, roleType: role } });
  if (invited.status !== 200) throw new Error(`invite ${email}: ${invited.status} ${invited.text}`);
  const { token: invitation } = linkParams(await waitForMail(email, seen));
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const accepted = await http('POST', `${API}/change-password`, { body: { email, token: invitation, password } });
  if (accepted.status !== 200) throw new Error(`accept invitation ${email}: ${accepted.status} ${accepted.text}`);
  const token = await signIn(email, password);
  const me = await http('GET', `${API}/user`, { token });
  return { token, email, password, name: me.json.name, userId: me.json.id, orgId: me.json.orgId };
}
