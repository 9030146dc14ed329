/**
 * The signup-api use cases, reachable without a session: Signup, ValidateToken, RegenerateToken,
 * ResetPassword, ChangePassword.
 *
 * Enumeration: ResetPassword answers the same whether or not the email exists, and Signup hashes the
 * password before it learns whether the email is taken.
 */
import type { z } from 'zod';
import { forgetSessions } from '#shared/auth/authenticate.ts';
import { checkPasswordPolicy, hashPassword } from '#shared/auth/password.ts';
import { auditFacts } from '#shared/data/entities/audit-event.ts';
import { getOrg, newOrgItem, orgKey } from '#shared/data/entities/org.ts';
import { emailGuard, emailGuardKey, findUserByEmail, findUserById, getUser, newUserItem, userKey, type UserItem } from '#shared/data/entities/user.ts';
import { consumeToken, getOneTimeToken, type TokenPurpose } from '#shared/data/entities/one-time-token.ts';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { assertUsableToken, hashToken, INVALID_TOKEN } from '#shared/domain/one-time-token.ts';
import { BadRequest, Conflict, InvalidState, NotFound } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { mailToken } from '#shared/use-cases/mail-token.ts';
import type { ChangePasswordRequest, ResetPasswordRequest, SignupRequest, ValidateTokenRequest } from '#shared/schemas/signup.ts';

/** Creates the org and its root user (NOT_ENABLED) and mails the verification link. 409 when the email is taken. */
export async function signup(input: z.output<typeof SignupRequest>): Promise<void> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const orgId = newId(ID_PREFIX.org);
  const org = newOrgItem(
    {
      orgId,
      name: input.legalCompanyName || input.name,
      description: input.companyDescription ?? '',
      url: input.companyUrl ?? '',
      legalCompanyName: input.legalCompanyName,
      serviceProviderId: newId(ID_PREFIX.serviceProvider),
    },
    1,
  );
  const user = newUserItem({
    userId: newId(ID_PREFIX.user),
    orgId,
    email: input.email,
    name: input.name,
    role: 'root',
    status: 'NOT_ENABLED',
    passwordHash,
  });
  await withRetry(() => commit({ puts: [{ item: org }, { item: user }], guardsAdd: [emailGuard(user)] }));
  try {
    await mailToken({ purpose: 'verify' }, user);
  } catch (e) {
    // Without the mail the account could never be verified, and a client retrying the 5xx would get 409:
    // undo the signup so the retry starts clean.
    const undo = { deletes: [{ key: userKey(user), version: user.version }, { key: orgKey(orgId), version: org.version }], guardsRemove: [emailGuardKey(user.email)] };
    await withRetry(() => commit(undo)).catch((err) => logger.error('could not undo a signup', err as Error));
    throw e;
  }
}

/** Consumes a verification token and activates the user. */
export async function validateToken(input: z.output<typeof ValidateTokenRequest>): Promise<void> {
  const token = await usableToken(input.token, input.email, ['verify']);
  await spendToken(token, (u) => ({ ...u, status: 'ACTIVE' }));
}

/** Sends a fresh verification mail (an invitation again for an invited user who has no password yet). */
export async function regenerateToken(userId: string): Promise<void> {
  const user = await findUserById(userId);
  if (!user) throw new NotFound('user');
  if (user.status === 'ACTIVE') throw new InvalidState('the user email is already verified');
  if (!user.passwordHash) {
    // A customer user is invited by its provider: the mail names the provider.
    const org = await getOrg(user.providerOrgId ?? user.orgId);
    if (!org) throw new NotFound('user');
    await mailToken({ purpose: 'invite', org, asCustomer: user.providerOrgId !== undefined }, user);
    return;
  }
  await mailToken({ purpose: 'verify' }, user);
}

/** Mails a reset token when the account exists; the answer is the same either way. */
export async function resetPassword(input: z.output<typeof ResetPasswordRequest>): Promise<void> {
  const user = await findUserByEmail(input.email);
  if (!user) return;
  await mailToken({ purpose: 'reset' }, user);
}

/**
 * Sets a new password with a reset or invitation token (consumed: it works once). The token came through
 * the user's mailbox, so it also proves the email: a NOT_ENABLED user becomes ACTIVE.
 */
export async function changePassword(input: z.output<typeof ChangePasswordRequest>): Promise<void> {
  checkPasswordPolicy(input.password);
  const token = await usableToken(input.token, input.email, ['reset', 'invite']);
  const passwordHash = await hashPassword(input.password);
  await spendToken(token, (u) => ({ ...u, passwordHash, status: 'ACTIVE' }));
}

// ------------------------------------------------------------------------------------------------ steps

/** The audit facts of a token spent by a customer user: verified, or a password (re)set. */
function customerAccountFacts(before: UserItem, after: UserItem) {
  const verified = before.status !== 'ACTIVE' && after.status === 'ACTIVE';
  const passwordSet = before.passwordHash !== after.passwordHash;
  return auditFacts({
    providerOrgId: after.providerOrgId!,
    customerOrgId: after.orgId,
    eventSource: 'Customer',
    eventType: passwordSet ? 'CustomerPasswordChanged' : verified ? 'CustomerUserVerified' : 'CustomerUserUpdated',
    message: passwordSet ? `${after.email} set a new password` : `${after.email} verified their email`,
    userId: after.userId,
    userName: after.name,
  });
}

/** A stored token for `email` and one of `purposes`, not expired; 400 INVALID_TOKEN otherwise. */
async function usableToken(token: string, email: string, purposes: readonly TokenPurpose[]) {
  const tokenHash = hashToken(token);
  const item = await getOneTimeToken(tokenHash);
  assertUsableToken(item, email, purposes);
  return { ...item, tokenHash };
}

/**
 * Changes the token's user and deletes the token in one transaction, so a token spent meanwhile (a second,
 * concurrent use) changes nothing. That loser answers 409 with the message the write path has always given a
 * request that lost to a concurrent change (the token was checked usable a moment before).
 */
async function spendToken(token: { tokenHash: string; orgId: string; userId: string }, change: (u: UserItem) => UserItem): Promise<void> {
  const spentMeanwhile = new Conflict('a concurrent change conflicted with this request; retry it');
  await withRetry(async () => {
    const user = await getUser(token.orgId, token.userId);
    if (!user) throw new BadRequest(INVALID_TOKEN);
    const changed = advance(user, change(user));
    // The consumption side's audit log records what happens to customer users.
    const next = changed.providerOrgId ? { ...changed, ...customerAccountFacts(user, changed) } : changed;
    await commit({
      puts: [{ item: next, expectVersion: user.version }],
      deletes: [consumeToken(token.tokenHash, spentMeanwhile)],
    });
  });
  forgetSessions({ userId: token.userId });
}
