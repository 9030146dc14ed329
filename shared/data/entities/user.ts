/**
 * Users. A user belongs to one org (`ORG#<orgId>` / `USER#<userId>`). Emails are globally unique through a
 * guard item (`EMAIL#<email>`) that also maps email → user, so signin finds a user with two GetItems and no
 * index; gsi2 (byId) finds a user by bare id, for RegenerateToken whose path carries nothing else.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, stamp, type Guard, type Key, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import type { Role } from '#shared/auth/caller.ts';

export type UserStatus = 'ACTIVE' | 'NOT_ENABLED';

/** A postal address as stored (the wire's Address, already validated and bounded). */
export interface StoredAddress {
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  country: string;
  state: string;
  zip: string;
}

export interface UserItem extends Stored {
  entity: 'user';
  userId: string;
  orgId: string;
  /** Lower case: emails compare case-insensitively. */
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** scrypt hash, never returned by any operation; '' for an invited user who has not chosen one yet. */
  passwordHash: string;
  address?: StoredAddress;
  /** Who invited this user (absent for the user who signed the org up). */
  invitedBy?: string;
  gsi2pk: string;
  gsi2sk: string;
}

/** The `EMAIL#` guard: holds the user it points at. */
export interface EmailGuardItem extends Key {
  userId: string;
  orgId: string;
}

export type NewUser = Omit<UserItem, keyof Stored | 'entity' | 'gsi2pk' | 'gsi2sk'>;

export function userKey(user: { orgId: string; userId: string }): Key {
  return keys.user(user.orgId, user.userId);
}

export function newUserItem(user: NewUser): UserItem {
  return stamp({
    ...keys.user(user.orgId, user.userId),
    entity: 'user' as const,
    ...user,
    email: user.email.toLowerCase(),
    ...keys.userById(user.userId),
  });
}

/** Reserves the user's email (409 when another user has it); written with the user. */
export function emailGuard(user: { email: string; userId: string; orgId: string }): { guard: Guard; owner: Key } {
  return {
    guard: {
      key: keys.emailGuard(user.email),
      conflict: 'a user with this email already exists',
      attributes: { userId: user.userId, orgId: user.orgId },
    },
    owner: userKey(user),
  };
}

/** The guard key to release when the user goes. */
export function emailGuardKey(email: string): Key {
  return keys.emailGuard(email);
}

/** What removing a user writes: the user, conditional on the version read, and the release of its email. */
export function userRemoval(user: UserItem): Required<Pick<TransactionPlan, 'deletes' | 'guardsRemove'>> {
  return { deletes: [{ key: userKey(user), version: user.version }], guardsRemove: [keys.emailGuard(user.email)] };
}

export function getUser(orgId: string, userId: string): Promise<UserItem | undefined> {
  return getItem<UserItem>(keys.user(orgId, userId));
}

export async function findUserByEmail(email: string): Promise<UserItem | undefined> {
  const guard = await getItem<EmailGuardItem>(keys.emailGuard(email));
  if (!guard) return undefined;
  return getUser(guard.orgId, guard.userId);
}

/** By bare id through gsi2, then a consistent read of the item itself (the index lags writes). */
export async function findUserById(userId: string): Promise<UserItem | undefined> {
  const page = await queryPage<UserItem>({ ...keys.userByIdRange(userId), limit: 1 });
  const hit = page.items[0];
  if (!hit) return undefined;
  return getUser(hit.orgId, hit.userId);
}

/**
 * Every member of an org, following DynamoDB's pages: never cut. The org's member limit (enforced by
 * `memberCounter` at InviteUser) bounds what this returns.
 */
export function listUsersOfOrg(orgId: string): Promise<UserItem[]> {
  return queryAll<UserItem>(keys.usersOfOrg(orgId));
}
