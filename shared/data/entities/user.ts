/**
 * Users. A user belongs to one org (`ORG#<orgId>` / `USER#<userId>`). Emails are globally unique through a
 * guard item (`EMAIL#<email>`) that also maps email → user, so signin finds a user with two GetItems and no
 * index; gsi2 (byId) finds a user by bare id, for RegenerateToken whose path carries nothing else.
 *
 * Customer users (a provider's customers, see the section below) are users of a customer org of their own,
 * with `providerOrgId` set; their email is unique per provider (a guard in the provider's partition), not
 * globally, so they never take the `EMAIL#` guard and the provider's Signin never finds them.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, stamp, type Guard, type Key, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import type { Role } from '#shared/auth/caller.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';

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
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
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
  /** Customer users only: the provider org they are a customer of (their org's `providerOrgId` too). */
  providerOrgId?: string;
  /**
   * Customer users only: how many subscriptions that have instances hold this user as their only root. Moved
   * by the subscription/instance work (`soleRootCounter`) in the transaction that makes it so; CustomerDeleteUser
   * refuses while it is above 0. Absent reads as 0.
   */
  soleRootOfInstancedSubscriptions?: number;
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

/**
 * What removing a user writes: the user, conditional on the version read, and the release of its email (the
 * global guard, or the provider-scoped one of a customer user).
 */
export function userRemoval(user: UserItem): Required<Pick<TransactionPlan, 'deletes' | 'guardsRemove'>> {
  const guard = user.providerOrgId ? keys.customerEmailGuard(user.providerOrgId, user.email) : keys.emailGuard(user.email);
  return { deletes: [{ key: userKey(user), version: user.version }], guardsRemove: [guard] };
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

// ------------------------------------------------------------------------------------- customer users

/** A customer user as stored: a user of its own customer org, registered with `providerOrgId`. */
export type CustomerUserItem = UserItem & { providerOrgId: string };

export function isCustomerUser(user: UserItem | undefined): user is CustomerUserItem {
  return typeof user?.providerOrgId === 'string' && user.providerOrgId !== '';
}

export function newCustomerUserItem(user: NewUser & { providerOrgId: string }): CustomerUserItem {
  return newUserItem(user) as CustomerUserItem;
}

/** The provider-scoped email guard of a customer user: holds the user it points at. */
export interface CustomerEmailGuardItem extends Key {
  userId: string;
  orgId: string;
  providerOrgId: string;
}

/**
 * Reserves the email among the provider's customers (409 when another customer user of that provider has
 * it); written with the user. The guard is also listed under the bare email on gsi1 (`customerEmailsOf`).
 */
export function customerEmailGuard(user: Pick<CustomerUserItem, 'email' | 'userId' | 'orgId' | 'providerOrgId'>): { guard: Guard; owner: Key } {
  return {
    guard: {
      key: keys.customerEmailGuard(user.providerOrgId, user.email),
      conflict: 'a customer user with this email already exists for this provider',
      attributes: {
        userId: user.userId,
        orgId: user.orgId,
        providerOrgId: user.providerOrgId,
        ...keys.customerEmailListing(user.email, user.providerOrgId),
      },
    },
    owner: userKey(user),
  };
}

/** The customer user of `providerOrgId` with `email`, or undefined (two consistent GetItems, no index). */
export async function findCustomerUserByEmail(providerOrgId: string, email: string): Promise<CustomerUserItem | undefined> {
  const guard = await getItem<CustomerEmailGuardItem>(keys.customerEmailGuard(providerOrgId, email));
  if (!guard) return undefined;
  const user = await getUser(guard.orgId, guard.userId);
  return isCustomerUser(user) && user.providerOrgId === providerOrgId ? user : undefined;
}

/**
 * The providers `email` is a customer of (their guards, from gsi1, which lags writes by a moment): one entry
 * per provider, so the read grows only with that email's own registrations. Never cut.
 */
export function customerEmailGuardsOf(email: string): Promise<CustomerEmailGuardItem[]> {
  return queryAll<CustomerEmailGuardItem>(keys.customerEmailsOf(email));
}

type Counter = NonNullable<TransactionPlan['counters']>[number];

/**
 * For the subscription/instance work: moves the user's `soleRootOfInstancedSubscriptions` by `by` in the
 * transaction that changes it (a subscription's first instance, +1 on its only root; its last instance gone,
 * or a second root added, −1). It bumps the user's version, so a CustomerDeleteUser that read 0 cannot commit
 * past a concurrent +1.
 */
export function soleRootCounter(user: Pick<UserItem, 'orgId' | 'userId'>, by: number): Counter {
  return { key: userKey(user), add: { soleRootOfInstancedSubscriptions: by }, entity: 'user', orgId: user.orgId };
}
