/**
 * Revoked sessions (`SESSION#<jti>` / `#REVOKED`), written by Logout. `expiresAt` is the token's own `exp`
 * (the table's TTL attribute), so the row goes when the token would have stopped working anyway.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, stamp, type Stored } from '#shared/data/store.ts';

export interface RevokedSessionItem extends Stored {
  entity: 'revokedSession';
  userId: string;
  /** The token's `exp`, epoch seconds. */
  expiresAt: number;
}

export function newRevokedSessionItem(jti: string, userId: string, exp: number): RevokedSessionItem {
  return stamp({ ...keys.revokedSession(jti), entity: 'revokedSession' as const, userId, expiresAt: exp });
}

export async function isSessionRevoked(jti: string): Promise<boolean> {
  return (await getItem<RevokedSessionItem>(keys.revokedSession(jti))) !== undefined;
}
