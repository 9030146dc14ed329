/**
 * Rules of one-time tokens (email verification, password reset, invitation). The token is 32 random bytes
 * (base64url) and exists only in the mail; the table keeps its sha256, so a leaked table leaks no usable
 * token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OneTimeTokenItem, TokenPurpose } from '#shared/data/entities/one-time-token.ts';
import { BadRequest } from '#shared/errors.ts';

/** Seconds a token stays valid, per purpose. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  verify: 24 * 3600,
  reset: 3600,
  invite: 7 * 24 * 3600,
};

/** The same message for every failure: which check failed is nobody's business. */
export const INVALID_TOKEN = 'the token is invalid or has expired';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

/** Epoch seconds at which a token of `purpose` issued at `now` (ms) expires. */
export function tokenExpiry(purpose: TokenPurpose, now = Date.now()): number {
  return Math.floor(now / 1000) + TOKEN_TTL_SECONDS[purpose];
}

/**
 * A token is usable for `email` and one of `purposes` until it expires (DynamoDB's TTL deletes lazily, so
 * expiry is checked here too). 400 INVALID_TOKEN otherwise.
 */
export function assertUsableToken(
  item: OneTimeTokenItem | undefined,
  email: string,
  purposes: readonly TokenPurpose[],
  now = Date.now(),
): asserts item is OneTimeTokenItem {
  if (
    !item ||
    !purposes.includes(item.purpose) ||
    item.email !== email.toLowerCase() ||
    item.expiresAt <= Math.floor(now / 1000)
  ) {
    throw new BadRequest(INVALID_TOKEN);
  }
}
