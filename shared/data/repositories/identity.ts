/**
 * Orgs and users. An org is the tenant: every provider-side entity belongs to exactly one. A user belongs
 * to one org; emails are globally unique through an EMAIL# guard item that also maps email → user.
 */
import { keys } from '#shared/data/keys.ts';
import { createWithGuards, getItem, stamp, type Stored, type TransactItem } from '#shared/data/store.ts';
import { tableName } from '#shared/data/client.ts';
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

export interface UserItem extends Stored {
  entity: 'user';
  userId: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** scrypt hash, never returned by any operation. */
  passwordHash: string;
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

export function getOrg(orgId: string): Promise<OrgItem | undefined> {
  return getItem<OrgItem>(keys.org(orgId));
}

export function getUser(orgId: string, userId: string): Promise<UserItem | undefined> {
  return getItem<UserItem>(keys.user(orgId, userId));
}

/** Creates an org, its first user and the email guard in one transaction (409 if the email is taken). */
export async function createOrgWithUser(
  org: Omit<OrgItem, keyof Stored | 'entity'>,
  user: Omit<UserItem, keyof Stored | 'entity' | 'gsi2pk' | 'gsi2sk'>,
): Promise<{ org: OrgItem; user: UserItem }> {
  const orgItem = stamp({ ...keys.org(org.orgId), entity: 'org' as const, ...org });
  const put: TransactItem = {
    Put: { TableName: tableName(), Item: orgItem, ConditionExpression: 'attribute_not_exists(pk)' },
  };
  const userItem = await createWithGuards(
    {
      ...keys.user(user.orgId, user.userId),
      entity: 'user' as const,
      ...user,
      email: user.email.toLowerCase(),
      gsi2pk: `USER#${user.userId}`,
      gsi2sk: '#USER',
    },
    [
      {
        key: keys.emailGuard(user.email),
        conflict: 'a user with this email already exists',
        attributes: { userId: user.userId, orgId: user.orgId },
      },
    ],
    [put],
  );
  return { org: orgItem as OrgItem, user: userItem as UserItem };
}
