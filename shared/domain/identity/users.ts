/**
 * Use cases of a signed-in user: their own profile, password and session, and the org's membership
 * (invite, revoke, list). Everything is scoped to the caller's org from the token.
 */
import type { Caller, Role } from '#shared/auth/caller.ts';
import { canAdminister } from '#shared/auth/caller.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '#shared/auth/password.ts';
import {
  addUserToOrg,
  getOrg,
  getUser,
  listUsersOfOrg,
  removeUser,
  revokeSession,
  updateOrg,
  updateUser,
  findUserByEmail,
  type Address,
  type OrgItem,
  type UserItem,
} from '#shared/data/repositories/identity.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { issueOneTimeToken } from '#shared/domain/identity/tokens.ts';
import { invitationMail } from '#shared/domain/identity/mails.ts';
import { sendMail } from '#shared/mail/mail.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';

export interface UserView {
  id: string;
  email: string;
  name: string;
  roleType: string;
  status: string;
  enabled: boolean;
  createdAt: string;
  lastModifiedAt: string;
  planName: string;
  address?: Address;
  orgId: string;
  orgName: string;
  orgDescription: string;
  orgURL: string;
  orgLogoURL: string;
  orgFavIconURL: string;
  orgSupportEmail: string;
  orgPrivacyPolicy: string;
  orgTermsOfUse: string;
  orgCookiePolicy: string;
}

export function userView(user: UserItem, org: OrgItem | undefined): UserView {
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

export async function describeCaller(caller: Caller): Promise<UserView> {
  const [user, org] = await Promise.all([getUser(caller.orgId, caller.userId), getOrg(caller.orgId)]);
  if (!user) throw new NotFound('user');
  return userView(user, org);
}

export interface ProfilePatch {
  name?: string;
  address?: Address;
  orgName?: string;
  orgDescription?: string;
  orgURL?: string;
  orgLogoURL?: string;
  orgFavIconURL?: string;
  orgSupportEmail?: string;
  orgPrivacyPolicy?: string;
  orgTermsOfUse?: string;
  orgCookiePolicy?: string;
}

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

/**
 * Updates the caller's own profile; the org's fields too when the caller administers the org.
 * Another user's id is refused with 403 whether or not it exists (no profile editing on behalf of others).
 */
export async function updateProfile(caller: Caller, userId: string, patch: ProfilePatch): Promise<void> {
  if (userId !== caller.userId) throw new Forbidden('a user can only update their own profile');
  const orgChanges = Object.entries(ORG_FIELDS).filter(([field]) => patch[field as keyof ProfilePatch] !== undefined);
  if (orgChanges.length > 0 && !canAdminister(caller.role)) {
    throw new Forbidden(`role ${caller.role} cannot change the org's profile`);
  }
  if (patch.name !== undefined || patch.address !== undefined) {
    await updateUser(caller.orgId, caller.userId, (u) => ({
      ...u,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.address !== undefined ? { address: patch.address } : {}),
    }));
  }
  if (orgChanges.length > 0) {
    await updateOrg(caller.orgId, (o) => {
      const next: Record<string, unknown> = { ...o };
      for (const [field, attr] of orgChanges) next[attr] = patch[field as keyof ProfilePatch];
      return next as unknown as OrgItem;
    });
  }
}

export async function changeOwnPassword(caller: Caller, currentPassword: string | undefined, password: string): Promise<void> {
  if (!currentPassword) throw new BadRequest('invalid body: body.currentPassword is required');
  checkPasswordPolicy(password);
  const user = await getUser(caller.orgId, caller.userId);
  if (!user) throw new NotFound('user');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new BadRequest('body.currentPassword is not the current password');
  }
  const passwordHash = await hashPassword(password);
  await updateUser(caller.orgId, caller.userId, (u) => {
    // Checked against what we verified: a password changed meanwhile must be re-confirmed.
    if (u.passwordHash !== user.passwordHash) throw new Conflict('the password was changed meanwhile; retry with the new one');
    return { ...u, passwordHash };
  });
}

export function logout(caller: Caller): Promise<void> {
  return revokeSession(caller.jti, caller.userId, caller.exp);
}

/**
 * Deletes the caller's account. The last root of an org that still has other members cannot leave (409);
 * the last member takes the org with them.
 */
export async function deleteOwnAccount(caller: Caller): Promise<void> {
  const members = await listUsersOfOrg(caller.orgId);
  const me = members.find((u) => u.userId === caller.userId);
  if (!me) throw new NotFound('user');
  const others = members.filter((u) => u.userId !== me.userId);
  if (others.length === 0) {
    const org = await getOrg(caller.orgId);
    await removeUser(me, org ? { withOrg: org } : {});
    return;
  }
  if (me.role === 'root') {
    const otherRoot = others.find((u) => u.role === 'root');
    if (!otherRoot) {
      throw new Conflict('the last root user of an org that has other members cannot be deleted; revoke the other members first');
    }
    await removeUser(me, { keepRoot: otherRoot });
    return;
  }
  await removeUser(me);
}

export interface OrgUserView {
  userId: string;
  email: string;
  name: string;
  roleType: string;
  invitedAt: string;
}

export async function listOrgUsers(caller: Caller): Promise<{ Id: string; orgUsers: OrgUserView[] }> {
  const members = await listUsersOfOrg(caller.orgId);
  members.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.userId.localeCompare(b.userId));
  return {
    Id: caller.orgId,
    orgUsers: members.map((u) => ({
      userId: u.userId,
      email: u.email,
      name: u.name,
      roleType: u.role,
      invitedAt: u.createdAt,
    })),
  };
}

/**
 * Adds a NOT_ENABLED user without a password to the caller's org and mails an invitation token; the
 * invitee sets a password with ChangePassword, which also activates the account.
 */
export async function inviteUser(caller: Caller, email: string, role: Role): Promise<UserItem> {
  if (role === 'root' && caller.role !== 'root') throw new Forbidden('only a root user can invite another root user');
  const org = await getOrg(caller.orgId);
  if (!org) throw new NotFound('org');
  const user = await addUserToOrg({
    userId: newId(ID_PREFIX.user),
    orgId: caller.orgId,
    email,
    // Until they pick one, the local part of the address is the best name we have.
    name: email.split('@')[0],
    role,
    status: 'NOT_ENABLED',
    passwordHash: '',
    invitedBy: caller.userId,
  });
  try {
    const token = await issueOneTimeToken('invite', user);
    await sendMail(invitationMail(user, org, role, token));
  } catch (e) {
    await removeUser(user).catch((undo) => logger.error('could not undo an invitation', undo as Error));
    throw e;
  }
  return user;
}

/**
 * Removes a member from the caller's org (their user and email go; their sessions stop working at once).
 * Nobody revokes themselves (DeleteUser is for leaving), only a root revokes a root, and the org never
 * loses its last root.
 */
export async function revokeMember(caller: Caller, email: string, role: Role): Promise<void> {
  const target = await findUserByEmail(email);
  if (!target || target.orgId !== caller.orgId) throw new NotFound('user');
  if (target.userId === caller.userId) throw new Conflict('you cannot revoke your own role; DeleteUser removes your own account');
  if (target.role !== role) throw new Conflict(`the user has role ${target.role}, not ${role}`);
  if (target.role !== 'root') {
    await removeUser(target);
    return;
  }
  if (caller.role !== 'root') throw new Forbidden('only a root user can revoke a root user');
  // The caller is a root who stays: they are the root the org keeps, checked in the same transaction.
  const me = await getUser(caller.orgId, caller.userId);
  if (!me || me.role !== 'root') throw new Conflict('the org must keep at least one root user');
  await removeUser(target, { keepRoot: me });
}
