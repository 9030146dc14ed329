/**
 * Rules and views of users and their org: what a profile update may change, who may invite or revoke whom,
 * when a member may leave, and what DescribeUser / DescribeUsersByOrg show. Pure: the use cases in
 * shared/use-cases/{signin,users}.ts read, ask these, then write.
 */
import type { z } from 'zod';
import { canAdminister, type Caller, type PortalEnvironmentType, type Role } from '#shared/auth/caller.ts';
import type { OrgItem } from '#shared/data/entities/org.ts';
import type { UserItem } from '#shared/data/entities/user.ts';
import type { DescribeUserResult, OrgUser, UpdateUserRequest } from '#shared/schemas/users.ts';
import { BadRequest, Conflict, Forbidden, InvalidState, NotFound } from '#shared/errors.ts';

/** Matched as text by clients (omctl): keep verbatim. */
export const WRONG_CREDENTIALS = 'wrong user email or password';
export const NOT_VERIFIED =
  'the user email is not verified yet: follow the link in the verification mail (RegenerateToken sends a new one)';

export function userView(user: UserItem, org: OrgItem | undefined): z.input<typeof DescribeUserResult> {
  return {
    id: user.userId,
    email: user.email,
    name: user.name,
    roleType: user.role,
    status: user.status,
    enabled: user.status === 'ACTIVE',
    createdAt: user.createdAt,
    lastModifiedAt: user.updatedAt,
    // Billing plans are not modelled by this implementation.
    planName: '',
    ...(user.address ? { address: user.address } : {}),
    orgId: user.orgId,
    orgName: org?.name ?? '',
    orgDescription: org?.description ?? '',
    orgURL: org?.url ?? '',
    orgLogoURL: org?.logoURL ?? '',
    orgFavIconURL: org?.favIconURL ?? '',
    orgSupportEmail: org?.supportEmail ?? '',
    orgPrivacyPolicy: org?.privacyPolicy ?? '',
    orgTermsOfUse: org?.termsOfUse ?? '',
    orgCookiePolicy: org?.cookiePolicy ?? '',
  };
}

export function orgUserView(user: UserItem): z.input<typeof OrgUser> {
  return { userId: user.userId, email: user.email, name: user.name, roleType: user.role, invitedAt: user.createdAt };
}

/** Members in the order they joined (the id breaks same-millisecond ties). */
export function byJoinOrder(a: UserItem, b: UserItem): number {
  return a.createdAt.localeCompare(b.createdAt) || a.userId.localeCompare(b.userId);
}

// -------------------------------------------------------------------------------------------- signin

/** Signin's verdict once the password was checked: the same 400 for an unknown user and a wrong password. */
export function assertCanSignIn(user: UserItem | undefined, passwordMatches: boolean): asserts user is UserItem {
  if (!user || !passwordMatches) throw new BadRequest(WRONG_CREDENTIALS);
  if (user.status !== 'ACTIVE') throw new InvalidState(NOT_VERIFIED);
}

// ------------------------------------------------------------------------------------------ profiles

export type ProfilePatch = z.output<typeof UpdateUserRequest>;

/** Request field → org item attribute. */
const ORG_FIELDS = {
  orgName: 'name',
  orgDescription: 'description',
  orgURL: 'url',
  orgLogoURL: 'logoURL',
  orgFavIconURL: 'favIconURL',
  orgSupportEmail: 'supportEmail',
  orgPrivacyPolicy: 'privacyPolicy',
  orgTermsOfUse: 'termsOfUse',
  orgCookiePolicy: 'cookiePolicy',
} as const satisfies Record<Exclude<keyof ProfilePatch, 'name' | 'address'>, keyof OrgItem>;

type OrgField = keyof typeof ORG_FIELDS;

/**
 * What an UpdateUser changes, or why it may not: only the caller's own profile (403 for another id, whether
 * or not it exists), and the org's fields only for those who administer the org.
 */
export function profileChanges(
  caller: Caller,
  userId: string,
  patch: ProfilePatch,
): { user?: Pick<Partial<UserItem>, 'name' | 'address'>; org?: Partial<OrgItem> } {
  if (userId !== caller.userId) throw new Forbidden('a user can only update their own profile');
  const orgFields = (Object.keys(ORG_FIELDS) as OrgField[]).filter((f) => patch[f] !== undefined);
  if (orgFields.length > 0 && !canAdminister(caller.role)) {
    throw new Forbidden(`role ${caller.role} cannot change the org's profile`);
  }
  const user: Pick<Partial<UserItem>, 'name' | 'address'> = {};
  if (patch.name !== undefined) user.name = patch.name;
  if (patch.address !== undefined) user.address = patch.address;
  const org: Partial<Record<(typeof ORG_FIELDS)[OrgField], string>> = {};
  for (const f of orgFields) org[ORG_FIELDS[f]] = patch[f];
  return {
    ...(Object.keys(user).length > 0 ? { user } : {}),
    ...(orgFields.length > 0 ? { org } : {}),
  };
}

// ---------------------------------------------------------------------------------------- membership

/** Until they pick one, the local part of the address is the best name we have. */
export function invitedName(email: string): string {
  return email.split('@')[0];
}

export function assertCanInvite(caller: Caller, role: Role): void {
  if (role === 'root' && caller.role !== 'root') throw new Forbidden('only a root user can invite another root user');
}

/** How a member leaves (DeleteUser): alone with the org, guarded by another root, or plainly. */
export type Departure = { kind: 'lastMember' } | { kind: 'keepRoot'; root: UserItem } | { kind: 'member' };

/**
 * The last member takes the org with them; a root leaves only while another root stays (checked again in
 * the write); the last root of an org with other members cannot leave (409).
 */
export function departureOf(me: UserItem, members: readonly UserItem[]): Departure {
  const others = members.filter((u) => u.userId !== me.userId);
  if (others.length === 0) return { kind: 'lastMember' };
  if (me.role !== 'root') return { kind: 'member' };
  const root = others.find((u) => u.role === 'root');
  if (!root) {
    throw new InvalidState('the last root user of an org that has other members cannot be deleted; revoke the other members first');
  }
  return { kind: 'keepRoot', root };
}

/**
 * Who may revoke whom (RevokeUserRole): a member of the caller's org (404 otherwise, like a missing one), not
 * the caller (DeleteUser is for leaving), holding the role named, and a root only by a root (who must still
 * be a root when the change commits: the org never loses its last root).
 */
export function assertCanRevoke(caller: Caller, target: UserItem | undefined, role: Role): asserts target is UserItem {
  if (!target || target.orgId !== caller.orgId) throw new NotFound('user');
  if (target.userId === caller.userId) throw new InvalidState('you cannot revoke your own role; DeleteUser removes your own account');
  if (target.role !== role) throw new Conflict(`the user has role ${target.role}, not ${role}`);
  if (target.role === 'root' && caller.role !== 'root') throw new Forbidden('only a root user can revoke a root user');
}

// ------------------------------------------------------------------------------------------ customers

/** The environment type a customer token is scoped to: the portal's, PROD when the signin names none. */
export function portalEnvironmentType(requested: string | undefined): PortalEnvironmentType {
  return (requested ?? 'PROD') as PortalEnvironmentType;
}

export const CUSTOMER_TOKEN_REQUIRED = "CustomerDeleteUser removes the calling customer user: call it with the customer's token (DeleteUser removes a provider user)";

/**
 * A customer user may leave unless it is the only root of a subscription that has instances (they would be
 * left without anyone who may manage or delete them): 409 while `soleRootOfInstancedSubscriptions` > 0.
 */
export function assertCustomerMayLeave(user: UserItem): void {
  const held = user.soleRootOfInstancedSubscriptions ?? 0;
  if (held > 0) {
    throw new InvalidState(
      `the user is the last root of ${held} subscription${held === 1 ? '' : 's'} that ${held === 1 ? 'has' : 'have'} instances; delete the instances or give the subscription another root first`,
    );
  }
}
