/**
 * One-time tokens mailed to users (email verification, password reset, invitation), stored under the
 * sha256 of the token (`TOKEN#<sha256>`), never the token itself. `expiresAt` is also the table's TTL
 * attribute, so DynamoDB removes stale tokens on its own (lazily: expiry is checked on use too).
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, stamp, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import type { DomainError } from '#shared/errors.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';

export type TokenPurpose = 'verify' | 'reset' | 'invite';

export interface OneTimeTokenItem extends Stored {
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
  entity: 'token';
  purpose: TokenPurpose;
  userId: string;
  orgId: string;
  email: string;
  /** Epoch seconds; the table's TTL attribute. */
  expiresAt: number;
}

export type NewOneTimeToken = Pick<OneTimeTokenItem, 'purpose' | 'userId' | 'orgId' | 'email' | 'expiresAt'>;

export function newOneTimeTokenItem(tokenHash: string, token: NewOneTimeToken): OneTimeTokenItem {
  return stamp({ ...keys.oneTimeToken(tokenHash), entity: 'token' as const, ...token, email: token.email.toLowerCase() });
}

export function getOneTimeToken(tokenHash: string): Promise<OneTimeTokenItem | undefined> {
  return getItem<OneTimeTokenItem>(keys.oneTimeToken(tokenHash));
}

type Delete = NonNullable<TransactionPlan['deletes']>[number];

/**
 * Spends the token in the transaction that uses it: the delete holds only while the token still exists and
 * has not expired, so a token works once even when two requests race with it. `failure` is the answer then.
 */
export function consumeToken(tokenHash: string, failure: DomainError): Delete {
  return { key: keys.oneTimeToken(tokenHash), unexpired: true, failure };
}
