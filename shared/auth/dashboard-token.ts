/**
 * Deployment-cell dashboard tokens (GenerateTokenForDeploymentCellDashboard): short-lived HS256 JWTs that name
 * one resource instance and the deployment cell it runs in, and grant read access to that instance's view of
 * the cell's dashboard — nothing else. docs/operations.md ("Deployment-cell dashboard tokens") says what they
 * grant and who would check them.
 *
 * They can never serve as an API session, by three independent checks:
 * - they are signed with their own key, derived from the session key (HKDF, label below), so a session
 *   check's signature verification fails on them, and a session token fails here;
 * - their audience is `deployment-cell-dashboard`, which session verification refuses (`verifyToken` rejects
 *   any token carrying an audience);
 * - they carry no `role` and no `jti`, which session verification requires.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { config } from '#shared/config.ts';
import { getSecrets } from '#shared/secrets.ts';
import { Unauthorized } from '#shared/errors.ts';

export const DASHBOARD_AUDIENCE = 'deployment-cell-dashboard';
const ISSUER = 'omnistrate-registration-api';
/** What the token allows its bearer to do: look at the instance's dashboard, read only. */
export const DASHBOARD_SCOPE = 'dashboard:read';

export interface DashboardGrant {
  /** The user the token was issued to. */
  userId: string;
  /** The org of that user (a customer org, or the provider). */
  orgId: string;
  instanceId: string;
  deploymentCellId: string;
}

export interface DashboardToken {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

let derived: { from: Uint8Array; key: Uint8Array } | undefined;

async function dashboardKey(): Promise<Uint8Array> {
  const { jwtKey } = await getSecrets();
  if (derived?.from !== jwtKey) {
    derived = { from: jwtKey, key: new Uint8Array(hkdfSync('sha256', jwtKey, Buffer.alloc(0), 'omnistrate/deployment-cell-dashboard', 32)) };
  }
  return derived.key;
}

export async function issueDashboardToken(grant: DashboardGrant, now = new Date()): Promise<DashboardToken> {
  const iat = Math.floor(now.getTime() / 1000);
  const expiresAt = iat + config.dashboardTokenTtlSeconds;
  const token = await new SignJWT({ org: grant.orgId, inst: grant.instanceId, cell: grant.deploymentCellId, scope: DASHBOARD_SCOPE })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(grant.userId)
    .setIssuer(ISSUER)
    .setAudience(DASHBOARD_AUDIENCE)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(expiresAt)
    // A nonce, so two tokens issued in the same second differ (it is not a session id: nothing revokes it).
    .setJti(`dash-${randomBytes(9).toString('base64url')}`)
    .sign(await dashboardKey());
  return { token, expiresAt };
}

/** What a dashboard (none is served by this project yet) would call: the grant, or 401. */
export async function verifyDashboardToken(token: string): Promise<DashboardGrant & { expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, await dashboardKey(), { issuer: ISSUER, audience: DASHBOARD_AUDIENCE, algorithms: ['HS256'] });
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.org !== 'string' ||
      typeof payload.inst !== 'string' ||
      typeof payload.cell !== 'string' ||
      payload.scope !== DASHBOARD_SCOPE ||
      typeof payload.exp !== 'number'
    ) {
      throw new Unauthorized('malformed dashboard token claims');
    }
    return { userId: payload.sub, orgId: payload.org, instanceId: payload.inst, deploymentCellId: payload.cell, expiresAt: payload.exp };
  } catch (e) {
    if (e instanceof Unauthorized) throw e;
    throw new Unauthorized('invalid or expired dashboard token');
  }
}
