/**
 * Request authentication: verify the JWT (CPU only), then confirm the session against the table with two
 * parallel reads — the user still exists and is active (its current role wins over the token's), and the
 * token was not revoked by Logout.
 *
 * Reads may reuse a confirmation for SESSION_CACHE_SECONDS (default 5) within one process — the same
 * trade-off as an API Gateway authorizer cache, with a much shorter TTL. Writes always confirm afresh.
 * Logout and user removal evict the process's entries at once, so on the local stack (one process) a revoked
 * token fails immediately; in AWS, another function's container may accept it for reads up to the TTL.
 */
import { getUser } from '#shared/data/entities/user.ts';
import { isSessionRevoked } from '#shared/data/entities/revoked-session.ts';
import { Unauthorized } from '#shared/errors.ts';
import { bearerToken, verifyToken } from '#shared/auth/jwt.ts';
import { config } from '#shared/config.ts';
import type { Caller } from '#shared/auth/caller.ts';

export async function verifyClaims(authorization: string | undefined): Promise<Caller> {
  return verifyToken(bearerToken(authorization));
}

export async function confirmSession(caller: Caller): Promise<Caller> {
  // Two consistent GetItems in parallel: the latency of one read, and the read units of a BatchGet of both.
  const [user, revoked] = await Promise.all([getUser(caller.orgId, caller.userId), isSessionRevoked(caller.jti)]);
  if (revoked) throw new Unauthorized('token has been revoked');
  if (!user) throw new Unauthorized('user no longer exists');
  if (user.status !== 'ACTIVE') throw new Unauthorized('user is not enabled');
  return { ...caller, role: user.role, email: String(user.email ?? caller.email) };
}

interface CachedSession {
  caller: Caller;
  until: number;
}

const sessions = new Map<string, CachedSession>();
const MAX_CACHED_SESSIONS = 10_000;

function cacheTtlMs(): number {
  return config.sessionCacheSeconds * 1000;
}

/** confirmSession, reusing a recent confirmation of the same token (read operations only). */
export async function confirmSessionForRead(claims: Caller): Promise<Caller> {
  const ttl = cacheTtlMs();
  const now = Date.now();
  const hit = sessions.get(claims.jti);
  if (hit && hit.until > now) return hit.caller;
  const caller = await confirmSession(claims);
  if (ttl > 0) {
    // Oldest first in insertion order: drop the oldest entry when full.
    if (sessions.size >= MAX_CACHED_SESSIONS) sessions.delete(sessions.keys().next().value!);
    sessions.set(claims.jti, { caller, until: now + ttl });
  }
  return caller;
}

/** Forgets cached confirmations of a token, or of every token of a user (logout, removal, role change). */
export function forgetSessions(match: { jti?: string; userId?: string }): void {
  if (match.jti) sessions.delete(match.jti);
  if (match.userId) {
    for (const [jti, s] of sessions) if (s.caller.userId === match.userId) sessions.delete(jti);
  }
}
