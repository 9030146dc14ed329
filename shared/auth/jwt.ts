/**
 * Session tokens: HS256 JWTs with `sub`, `org`, `role`, `email`, `jti`, `iat`, `exp`; customer tokens also carry
 * `cust` (`{ p: providerOrgId, env: environmentType }`), which is what tells them apart.
 * Clients decode `exp` locally (and treat a token expiring within 5 minutes as expired), so it is always set.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { config } from '#shared/config.ts';
import { getSecrets } from '#shared/secrets.ts';
import { Unauthorized } from '#shared/errors.ts';
import { ROLES, type Caller, type CustomerScope, type PortalEnvironmentType, type Role } from '#shared/auth/caller.ts';

const PORTAL_TYPES: readonly PortalEnvironmentType[] = ['DEV', 'QA', 'STAGING', 'CANARY', 'PROD', 'PRIVATE'];

const ISSUER = 'omnistrate-registration-api';

export async function issueToken(user: { userId: string; orgId: string; role: Role; email: string; customer?: CustomerScope }): Promise<string> {
  const { jwtKey } = await getSecrets();
  const now = Math.floor(Date.now() / 1000);
  const cust = user.customer ? { cust: { p: user.customer.providerOrgId, env: user.customer.environmentType } } : {};
  return new SignJWT({ org: user.orgId, role: user.role, email: user.email, ...cust })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.userId)
    .setIssuer(ISSUER)
    .setJti(randomBytes(12).toString('base64url'))
    .setIssuedAt(now)
    .setExpirationTime(now + config.tokenTtlSeconds)
    .sign(jwtKey);
}

/**
 * Tokens this process has verified, by their exact text, until they expire: a client sends the same token on
 * every call, and its signature cannot have changed. Revocation is not decided here (the session check is).
 */
const verified = new Map<string, Caller>();
const MAX_VERIFIED = 10_000;

/** Verifies signature, issuer and expiry; throws 401 otherwise. Revocation is checked by the caller. */
export async function verifyToken(token: string): Promise<Caller> {
  const hit = verified.get(token);
  if (hit && hit.exp > Date.now() / 1000) return { ...hit };
  const caller = await verifySignature(token);
  // Oldest first in insertion order: drop the oldest entry when full.
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.set(token, caller);
  return { ...caller };
}

async function verifySignature(token: string): Promise<Caller> {
  const { jwtKey } = await getSecrets();
  try {
    const { payload } = await jwtVerify(token, jwtKey, { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role as Role;
    // Session tokens carry no audience; a token that names one (a deployment-cell dashboard token) is never a session.
    if (payload.aud !== undefined) throw new Unauthorized('not a session token');
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.org !== 'string' ||
      typeof payload.jti !== 'string' ||
      typeof payload.exp !== 'number' ||
      !ROLES.includes(role)
    ) {
      throw new Unauthorized('malformed token claims');
    }
    const customer = customerScope(payload.cust);
    return {
      userId: payload.sub,
      orgId: payload.org,
      role,
      email: String(payload.email ?? ''),
      jti: payload.jti,
      exp: payload.exp,
      ...(customer ? { customer } : {}),
    };
  } catch (e) {
    if (e instanceof Unauthorized) throw e;
    throw new Unauthorized('invalid or expired token');
  }
}

function customerScope(cust: unknown): CustomerScope | undefined {
  if (cust === undefined) return undefined;
  const c = cust as { p?: unknown; env?: unknown };
  if (typeof c?.p !== 'string' || !PORTAL_TYPES.includes(c.env as PortalEnvironmentType)) throw new Unauthorized('malformed token claims');
  return { providerOrgId: c.p, environmentType: c.env as PortalEnvironmentType };
}

export function bearerToken(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) throw new Unauthorized('missing bearer token');
  return m[1];
}
