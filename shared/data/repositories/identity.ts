/**
 * Orgs, users, one-time tokens and revoked sessions. An org is the tenant: every provider-side entity
 * belongs to exactly one. A user belongs to one org; emails are globally unique through an EMAIL# guard item
 * that also maps email → user, so signin finds a user with two GetItems and no index.
 */
import { keys } from '#shared/data/keys.ts';
import { forgetSessions } from '#shared/auth/authenticate.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryAll,
  queryPage,
  stamp,
  type Key,
  type Stored,
  type TransactItem,
} from '#shared/data/store.ts';
import { tableName } from '#shared/data/client.ts';
import { TABLE } from '#shared/data/table.ts';
import { Conflict } from '#shared/errors.ts';
import type { Role } from '#shared/auth/caller.ts';

export interface OrgItem extends Stored {
  entity: 'org';
  orgId: string;
  name: string;
  description: string;
  url: string;
  legalCompanyName: string;
  /** The provider id clients see as serviceProviderID. */
  serviceProviderId: string;
  logoURL?: string;
  favIconURL?: string;
  supportEmail?: string;
  privacyPolicy?: string;
  termsOfUse?: string;
  cookiePolicy?: string;
}

export type UserStatus = 'ACTIVE' | 'NOT_ENABLED';

export interface Address {
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
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** scrypt hash, never returned by any operation; '' for an invited user who has not chosen one yet. */
  passwordHash: string;
  address?: Address;
  /** Who invited this user (absent for the user who signed the org up). */
  invitedBy?: string;
  /** GSI: lookup by bare user id (RegenerateToken's path carries only the id). */
  gsi2pk: string;
  gsi2sk: string;
}

export interface EmailGuardItem {
  pk: string;
  sk: string;
  userId: string;
  orgId: string;
}

export type TokenPurpose = 'verify' | 'reset' | 'invite';

export interface OneTimeTokenItem extends Stored {
  entity: 'token';
  purpose: TokenPurpose;
  userId: string;
  orgId: string;
  email: string;
  /** Epoch seconds; also the table's TTL attribute, so DynamoDB removes stale tokens on its own. */
  expiresAt: number;
}

type NewOrg = Omit<OrgItem, keyof Stored | 'entity'>;
type NewUser = Omit<UserItem, keyof Stored | 'entity' | 'gsi2pk' | 'gsi2sk'>;

export function getOrg(orgId: string): Promise<OrgItem | undefined> {
  return getItem<OrgItem>(keys.org(orgId));
}

export function getUser(orgId: string, userId: string): Promise<UserItem | undefined> {
  return getItem<UserItem>(keys.user(orgId, userId));
}

function userItem(user: NewUser) {
  return {
    ...keys.user(user.orgId, user.userId),
    entity: 'user' as const,
    ...user,
    email: user.email.toLowerCase(),
    ...keys.userById(user.userId),
  };
}

function emailGuard(user: { email: string; userId: string; orgId: string }) {
  return {
    key: keys.emailGuard(user.email),
    conflict: 'a user with this email already exists',
    attributes: { userId: user.userId, orgId: user.orgId },
  };
}

/** Creates an org, its first user and the email guard in one transaction (409 if the email is taken). */
export async function createOrgWithUser(org: NewOrg, user: NewUser): Promise<{ org: OrgItem; user: UserItem }> {
  const orgItem = stamp({ ...keys.org(org.orgId), entity: 'org' as const, ...org });
  const put: TransactItem = {
    Put: { TableName: tableName(), Item: orgItem, ConditionExpression: 'attribute_not_exists(pk)' },
  };
  const created = await createWithGuards(userItem(user), [emailGuard(user)], [put]);
  return { org: orgItem as OrgItem, user: created as UserItem };
}

/**
 * Adds a user to an existing org. The org item's version is bumped in the same transaction: an org being
 * deleted with its last member (conditional on the org version) and an invitation cannot both succeed.
 */
export async function addUserToOrg(user: NewUser): Promise<UserItem> {
  const touchOrg: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: keys.org(user.orgId),
      UpdateExpression: 'SET #v = #v + :one, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':one': 1, ':now': new Date().toISOString() },
    },
  };
  return (await createWithGuards(userItem(user), [emailGuard(user)], [touchOrg])) as UserItem;
}

export async function findUserByEmail(email: string): Promise<UserItem | undefined> {
  const guard = await getItem<EmailGuardItem>(keys.emailGuard(email));
  if (!guard) return undefined;
  return getUser(guard.orgId, guard.userId);
}

/** By bare id through gsi2, then a consistent read of the item itself (the index lags writes). */
export async function findUserById(userId: string): Promise<UserItem | undefined> {
  const page = await queryPage<UserItem>({ partition: keys.userById(userId).gsi2pk, index: 'byId', limit: 1 });
  const hit = page.items[0];
  if (!hit) return undefined;
  return getUser(hit.orgId, hit.userId);
}

/** An org's members: bounded (a team, not a customer base), so read whole. */
export function listUsersOfOrg(orgId: string): Promise<UserItem[]> {
  const { partition, prefix } = keys.usersOfOrg(orgId);
  return queryAll<UserItem>(partition, prefix);
}

/** Deletes a one-time token only if it still exists and has not expired: a token works once. */
function consumeTokenItem(tokenHash: string): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.oneTimeToken(tokenHash),
      ConditionExpression: 'attribute_exists(pk) AND #exp > :now',
      ExpressionAttributeNames: { '#exp': TABLE.ttlAttribute },
      ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
    },
  };
}

/**
 * Versioned update of a user. With `consumeToken`, the token is deleted in the same transaction, so a
 * token that was already used (or a concurrent second use) changes nothing.
 */
export async function updateUser(
  orgId: string,
  userId: string,
  change: (u: UserItem) => UserItem | Promise<UserItem>,
  opts: { consumeToken?: string } = {},
): Promise<UserItem> {
  const token = opts.consumeToken;
  const updated = await mutate<UserItem>(keys.user(orgId, userId), change, {
    entity: 'user',
    extra: token ? () => [consumeTokenItem(token)] : undefined,
  });
  forgetSessions({ userId });
  return updated;
}

export async function updateOrg(orgId: string, change: (o: OrgItem) => OrgItem | Promise<OrgItem>): Promise<OrgItem> {
  const org = await mutate<OrgItem>(keys.org(orgId), change, { entity: 'org' });
  orgProfiles.delete(orgId);
  return org;
}

/** What services show of their provider: the org's provider id and name. */
export interface ProviderProfile {
  serviceProviderId: string;
  name: string;
}

const orgProfiles = new Map<string, { profile: ProviderProfile; until: number }>();
const PROFILE_TTL_MS = 30_000;

/**
 * The provider profile, cached per process for 30 s: DescribeService/ListService are polled in tight loops
 * by clients, and an org rename showing up a few seconds late costs nothing. The id never changes.
 */
export async function getProviderProfile(orgId: string): Promise<ProviderProfile> {
  const now = Date.now();
  const hit = orgProfiles.get(orgId);
  if (hit && hit.until > now) return hit.profile;
  const org = await getOrg(orgId);
  const profile = { serviceProviderId: org?.serviceProviderId ?? '', name: org?.name ?? '' };
  if (org) {
    if (orgProfiles.size >= 10_000) orgProfiles.delete(orgProfiles.keys().next().value!);
    orgProfiles.set(orgId, { profile, until: now + PROFILE_TTL_MS });
  }
  return profile;
}

/**
 * Removes a user and their email guard in one transaction, conditional on the version read.
 * - `keepRoot`: another root that must still be a root when this commits (an org with members never
 *   loses its last root, even when two roots leave at the same time).
 * - `withOrg`: the org item goes too (the last member leaving), conditional on its version so a concurrent
 *   invitation makes this fail instead of leaving a member in a deleted org.
 */
export async function removeUser(
  user: UserItem,
  opts: { keepRoot?: UserItem; withOrg?: OrgItem } = {},
): Promise<void> {
  const extra: TransactItem[] = [];
  if (opts.keepRoot) {
    extra.push({
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.user(opts.keepRoot.orgId, opts.keepRoot.userId),
        ConditionExpression: '#role = :root',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':root': 'root' },
      },
    });
  }
  if (opts.withOrg) {
    extra.push({
      Delete: {
        TableName: tableName(),
        Key: keys.org(opts.withOrg.orgId),
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': opts.withOrg.version },
      },
    });
  }
  await deleteAtomically(keys.user(user.orgId, user.userId), {
    version: user.version,
    alsoDelete: [keys.emailGuard(user.email)],
    extra,
  });
  forgetSessions({ userId: user.userId });
  if (opts.withOrg) orgProfiles.delete(opts.withOrg.orgId);
}

export async function saveOneTimeToken(
  tokenHash: string,
  data: Pick<OneTimeTokenItem, 'purpose' | 'userId' | 'orgId' | 'email' | 'expiresAt'>,
): Promise<void> {
  await createWithGuards({ ...keys.oneTimeToken(tokenHash), entity: 'token' as const, ...data });
}

export function getOneTimeToken(tokenHash: string): Promise<OneTimeTokenItem | undefined> {
  return getItem<OneTimeTokenItem>(keys.oneTimeToken(tokenHash));
}

/** Marks a session token as revoked until it would have expired anyway (TTL = the token's `exp`). */
export async function revokeSession(jti: string, userId: string, exp: number): Promise<void> {
  try {
    await createWithGuards({ ...keys.revokedSession(jti), entity: 'revokedSession' as const, userId, [TABLE.ttlAttribute]: exp });
  } catch (e) {
    // Two logouts racing with the same token: it is revoked either way.
    if (!(e instanceof Conflict)) throw e;
  }
  forgetSessions({ jti });
}

/** Undoes a signup whose verification mail could not be sent, so the client can simply retry it. */
export async function deleteSignup(org: OrgItem, user: UserItem): Promise<void> {
  await deleteAtomically(keys.user(user.orgId, user.userId), {
    alsoDelete: [keys.emailGuard(user.email), keys.org(org.orgId)],
  });
}

export type { Key };
