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

export interface Caller {
  userId: string;
  orgId: string;
  role: Role;
  email: string;
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
