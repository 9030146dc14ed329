/**
 * Request authentication: verify the JWT (CPU only), then confirm the session against the table in one
 * BatchGet — the user still exists and is active (its current role wins over the token's), and the token
 * was not revoked by Logout.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';
import { keys } from '#shared/data/keys.ts';
import { Unauthorized } from '#shared/http/errors.ts';
import { bearerToken, verifyToken } from '#shared/auth/jwt.ts';
import type { Caller, Role } from '#shared/auth/caller.ts';

export async function verifyClaims(authorization: string | undefined): Promise<Caller> {
  return verifyToken(bearerToken(authorization));
}

export async function confirmSession(caller: Caller): Promise<Caller> {
  const userKey = keys.user(caller.orgId, caller.userId);
  const sessionKey = keys.revokedSession(caller.jti);
  const out = await db().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: [userKey, sessionKey], ConsistentRead: true } } }),
  );
  let items = out.Responses?.[tableName()] ?? [];
  // BatchGet may defer keys under load; fetch whatever came back unprocessed once more.
  const pending = out.UnprocessedKeys?.[tableName()]?.Keys;
  if (pending?.length) {
    const again = await db().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
    );
    items = items.concat(again.Responses?.[tableName()] ?? []);
  }
  if (items.some((i) => i.pk === sessionKey.pk)) throw new Unauthorized('token has been revoked');
  const user = items.find((i) => i.pk === userKey.pk && i.sk === userKey.sk);
  if (!user) throw new Unauthorized('user no longer exists');
  if (user.status !== 'ACTIVE') throw new Unauthorized('user is not enabled');
  return { ...caller, role: user.role as Role, email: String(user.email ?? caller.email) };
}
