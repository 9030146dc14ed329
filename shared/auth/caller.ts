/** The authenticated principal of a request, taken from the verified JWT — never from the request body. */
export type Role =
  | 'root'
  | 'admin'
  | 'editor'
  | 'reader'
  | 'service_editor'
  | 'service_reader'
  | 'service_operator';

export const ROLES: readonly Role[] = [
  'root',
  'admin',
  'editor',
  'reader',
  'service_editor',
  'service_reader',
  'service_operator',
];

/** The environment types a customer portal can be of (what a customer token is scoped to). */
export type PortalEnvironmentType = 'DEV' | 'QA' | 'STAGING' | 'CANARY' | 'PROD' | 'PRIVATE';

/**
 * What a customer token carries besides the user: the provider it is a customer of, and the environment type
 * of the portal it signed in to. A customer sees that provider's offerings, subscriptions and instances of that
 * environment type only, and never a provider-side operation (403).
 */
export interface CustomerScope {
  providerOrgId: string;
  environmentType: PortalEnvironmentType;
}

export interface Caller {
  userId: string;
  /** The caller's own org: the provider's org, or a customer's own customer org. */
  orgId: string;
  role: Role;
  email: string;
  /** Present exactly on customer tokens. */
  customer?: CustomerScope;
  /** Token id, used to revoke the token on logout. */
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const WRITERS: ReadonlySet<Role> = new Set(['root', 'admin', 'editor', 'service_editor', 'service_operator']);
const ADMINS: ReadonlySet<Role> = new Set(['root', 'admin']);

export function canWrite(role: Role): boolean {
  return WRITERS.has(role);
}
export function canAdminister(role: Role): boolean {
  return ADMINS.has(role);
}

/** The provider org whose services the caller consumes: a customer's provider, or a provider itself (trying its own plans). */
export function providerOrgOf(caller: Pick<Caller, 'orgId' | 'customer'>): string {
  return caller.customer?.providerOrgId ?? caller.orgId;
}
