/**
 * One-time tokens mailed to users (email verification, password reset, invitation). The token itself is
 * 32 random bytes (base64url) and exists only in the mail; the table stores its sha256, so a leaked table
 * does not leak usable tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  getOneTimeToken,
  saveOneTimeToken,
  type OneTimeTokenItem,
  type TokenPurpose,
} from '#shared/data/repositories/identity.ts';
import { BadRequest } from '#shared/errors.ts';

/** Seconds a token stays valid, per purpose. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  verify: 24 * 3600,
  reset: 3600,
  invite: 7 * 24 * 3600,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

/** Creates and stores a token for the user; returns the clear value to put in the mail. */
export async function issueOneTimeToken(
  purpose: TokenPurpose,
  user: { userId: string; orgId: string; email: string },
  now = Date.now(),
): Promise<string> {
  const token = newTokenValue();
  await saveOneTimeToken(hashToken(token), {
    purpose,
    userId: user.userId,
    orgId: user.orgId,
    email: user.email.toLowerCase(),
    expiresAt: Math.floor(now / 1000) + TOKEN_TTL_SECONDS[purpose],
  });
  return token;
}

/** The same message for every failure: which check failed is nobody's business. */
export const INVALID_TOKEN = 'the token is invalid or has expired';

/**
 * Looks a token up and checks it was issued for this email and one of `purposes` and has not expired
 * (DynamoDB's TTL deletes lazily, so expiry is checked here too). Consumption happens in the write that
 * uses it, conditional on the token still existing.
 */
export async function findUsableToken(
  token: string,
  email: string,
  purposes: readonly TokenPurpose[],
  now = Date.now(),
): Promise<OneTimeTokenItem & { tokenHash: string }> {
  const tokenHash = hashToken(token);
  const item = await getOneTimeToken(tokenHash);
  if (
    !item ||
    !purposes.includes(item.purpose) ||
    item.email !== email.toLowerCase() ||
    item.expiresAt <= Math.floor(now / 1000)
  ) {
    throw new BadRequest(INVALID_TOKEN);
  }
  return { ...item, tokenHash };
}
