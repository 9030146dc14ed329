/**
 * The org: the tenant. Every provider-side entity belongs to exactly one. The org item (`ORG#<orgId>` /
 * `#ORG`) carries the provider profile and `memberCount`, the counter that bounds the org's members (see
 * ORG_MEMBER_LIMIT in shared/domain/user.ts and docs/data-model.md).
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, stamp, type Key, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import { InvalidState } from '#shared/errors.ts';

/**
 * Members an org may have. DescribeUsersByOrg has no paging in the contract, so it answers every member in
 * one response: at this limit its worst case (200-character names of 6-byte JSON escapes, 254-character
 * emails) stays near 3.5 MB, under Lambda's 6 MB response and API Gateway's 10 MB; a typical member takes
 * about 170 bytes (≈ 350 KB). Enforced by `memberCounter` in the transaction that adds the member.
 */
export const ORG_MEMBER_LIMIT = 2000;

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
  /** Set on a customer's org only: the provider org it is a customer of (its users sign in to that provider's portals). */
  providerOrgId?: string;
  /**
   * Users of the org, kept by the transactions that add or remove one (`memberCounter`). Absent on orgs
   * written before the counter existed, which DynamoDB's ADD reads as 0.
   */
  memberCount?: number;
}

export type NewOrg = Omit<OrgItem, keyof Stored | 'entity' | 'memberCount'>;

export function orgKey(orgId: string): Key {
  return keys.org(orgId);
}

/** A new org item with its first `members` already counted (signup creates the org with its root user). */
export function newOrgItem(org: NewOrg, members: number): OrgItem {
  return stamp({ ...keys.org(org.orgId), entity: 'org' as const, ...org, memberCount: members });
}

export function getOrg(orgId: string): Promise<OrgItem | undefined> {
  return getItem<OrgItem>(keys.org(orgId));
}

type Counter = NonNullable<TransactionPlan['counters']>[number];

/**
 * The org's member count moved by `by`, in the same transaction as the user it adds or removes. The org
 * must exist in `orgId` (404 org otherwise) and its version is bumped, so a delete of the org conditional on
 * the version it read cannot pass a concurrent addition. Adding past ORG_MEMBER_LIMIT answers 409; the
 * check is part of the write, so concurrent invitations cannot overshoot it.
 */
export function memberCounter(orgId: string, by: number): Counter {
  const counter: Counter = { key: keys.org(orgId), add: { memberCount: by }, entity: 'org', orgId };
  if (by > 0) {
    counter.atMost = {
      max: ORG_MEMBER_LIMIT,
      failure: new InvalidState(`the org has reached its limit of ${ORG_MEMBER_LIMIT} members; revoke members before inviting more`),
    };
  }
  return counter;
}

/** What services show of their provider: the org's provider id and name. */
export interface ProviderProfile {
  serviceProviderId: string;
  name: string;
}

const orgProfiles = new Map<string, { profile: ProviderProfile; until: number }>();
const PROFILE_TTL_MS = 30_000;
const MAX_CACHED_PROFILES = 10_000;

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
    if (orgProfiles.size >= MAX_CACHED_PROFILES) orgProfiles.delete(orgProfiles.keys().next().value!);
    orgProfiles.set(orgId, { profile, until: now + PROFILE_TTL_MS });
  }
  return profile;
}

/** Drops this process's cached profile after the org changed or went (the writer's own reads see it at once). */
export function forgetProviderProfile(orgId: string): void {
  orgProfiles.delete(orgId);
}
