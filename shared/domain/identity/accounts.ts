/**
 * Account use cases reachable without a session: signup, email verification, signin, password reset.
 *
 * Enumeration: signin answers the same 400 for an unknown email and a wrong password, and both spend one
 * scrypt; ResetPassword answers the same whether or not the email exists; signup hashes the password
 * before it learns whether the email is taken.
 */
import { issueToken } from '#shared/auth/jwt.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '#shared/auth/password.ts';
import {
  createOrgWithUser,
  deleteSignup,
  findUserByEmail,
  findUserById,
  getOrg,
  updateUser,
  type UserItem,
} from '#shared/data/repositories/identity.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { findUsableToken, INVALID_TOKEN, issueOneTimeToken } from '#shared/domain/identity/tokens.ts';
import { invitationMail, passwordResetMail, verificationMail } from '#shared/domain/identity/mails.ts';
import { sendMail } from '#shared/mail/mail.ts';
import { BadRequest, Conflict, NotFound } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';

/** Matched as text by clients (omctl): keep verbatim. */
export const WRONG_CREDENTIALS = 'wrong user email or password';
export const NOT_VERIFIED = 'the user email is not verified yet: follow the link in the verification mail (RegenerateToken sends a new one)';

export interface SignupInput {
  email: string;
  name: string;
  password: string;
  legalCompanyName: string;
  companyDescription?: string;
  companyUrl?: string;
}

/** Creates the org and its root user (NOT_ENABLED) and mails the verification link. */
export async function signup(input: SignupInput): Promise<UserItem> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const orgId = newId(ID_PREFIX.org);
  const { org, user } = await createOrgWithUser(
    {
      orgId,
      name: input.legalCompanyName || input.name,
      description: input.companyDescription ?? '',
      url: input.companyUrl ?? '',
      legalCompanyName: input.legalCompanyName,
      serviceProviderId: newId(ID_PREFIX.serviceProvider),
    },
    {
      userId: newId(ID_PREFIX.user),
      orgId,
      email: input.email,
      name: input.name,
      role: 'root',
      status: 'NOT_ENABLED',
      passwordHash,
    },
  );
  try {
    const token = await issueOneTimeToken('verify', user);
    await sendMail(verificationMail(user, token));
  } catch (e) {
    // Without the mail the account could never be verified, and a client retrying the 5xx would get 409:
    // undo the signup so the retry starts clean.
    await deleteSignup(org, user).catch((undo) => logger.error('could not undo a signup', undo as Error));
    throw e;
  }
  return user;
}

/** Consumes a verification token and activates the user. */
export async function validateEmail(email: string, token: string): Promise<void> {
  const t = await findUsableToken(token, email, ['verify']);
  try {
    await updateUser(t.orgId, t.userId, (u) => ({ ...u, status: 'ACTIVE' }), { consumeToken: t.tokenHash });
  } catch (e) {
    if (e instanceof NotFound) throw new BadRequest(INVALID_TOKEN);
    throw e;
  }
}

/** Sends a fresh verification mail (an invitation again for an invited user who has no password yet). */
export async function regenerateVerification(userId: string): Promise<void> {
  const user = await findUserById(userId);
  if (!user) throw new NotFound('user');
  if (user.status === 'ACTIVE') throw new Conflict('the user email is already verified');
  if (!user.passwordHash) {
    const org = await getOrg(user.orgId);
    if (!org) throw new NotFound('user');
    const token = await issueOneTimeToken('invite', user);
    await sendMail(invitationMail(user, org, user.role, token));
    return;
  }
  const token = await issueOneTimeToken('verify', user);
  await sendMail(verificationMail(user, token));
}

export async function signin(email: string, password: string | undefined): Promise<string> {
  if (password === undefined) throw new BadRequest('invalid body: body.password is required');
  const user = await findUserByEmail(email);
  // Runs a full scrypt even when there is no such user (or no password yet), so timing tells nothing.
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok) throw new BadRequest(WRONG_CREDENTIALS);
  if (user.status !== 'ACTIVE') throw new Conflict(NOT_VERIFIED);
  return issueToken({ userId: user.userId, orgId: user.orgId, role: user.role, email: user.email });
}

/** Mails a reset token when the account exists; the answer is the same either way. */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await findUserByEmail(email);
  if (!user) return;
  const token = await issueOneTimeToken('reset', user);
  await sendMail(passwordResetMail(user, token));
}

/**
 * Sets a new password with a reset or invitation token (consumed: it works once). The token came through
 * the user's mailbox, so it also proves the email: a NOT_ENABLED user becomes ACTIVE.
 */
export async function changePasswordWithToken(email: string, token: string, password: string): Promise<void> {
  checkPasswordPolicy(password);
  const t = await findUsableToken(token, email, ['reset', 'invite']);
  const passwordHash = await hashPassword(password);
  try {
    await updateUser(t.orgId, t.userId, (u) => ({ ...u, passwordHash, status: 'ACTIVE' }), {
      consumeToken: t.tokenHash,
    });
  } catch (e) {
    if (e instanceof NotFound) throw new BadRequest(INVALID_TOKEN);
    throw e;
  }
}
