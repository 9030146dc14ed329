/**
 * Subscriptions, the roles users hold on them, and subscription requests (docs/data-model.md "Subscriptions").
 *
 * - `SUB#<id>` / `#SUB`: the subscription of a customer org (the subscriber's own org; a provider subscribing to
 *   its own plan is its own customer) to one plan of one provider. Listed under the provider's environment on
 *   gsi1. Its `instanceCount` is the counter the resource-instance issue moves (DeleteSubscription refuses while
 *   it is above 0); `memberCount` counts its roles (at most SUBSCRIPTION_MEMBER_LIMIT).
 * - `SUB#<id>` / `ROLE#<userId>`: a user's role (root, editor, reader) on it, listed under the user on gsi1.
 *   Each role counts on the user item's `subscriptionCount` (at most USER_SUBSCRIPTION_LIMIT), which bounds
 *   ListSubscriptions.
 * - `ORG#<customerOrgId>` / `SUBLIVE#<productTierId>`: the guard that makes one live (ACTIVE or SUSPENDED)
 *   subscription per customer org and plan; it holds the subscription's id (`liveSubscriptionId`).
 * - `SUBR#<id>` / `#SUBR`: a request for a plan that needs approval, listed under the provider's environment
 *   (gsi1) and the customer org (gsi2); `SUBRPENDING#<productTierId>` keeps one PENDING per org and plan.
 *
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, stamp, type Guard, type Key, type Page, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import type { EnvironmentType } from '#shared/data/entities/environment.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';

export type SubscriptionStatus = 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
export type SubscriptionRole = 'root' | 'editor' | 'reader';
export type SubscriptionRequestStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED';

/** Roles one subscription may hold: DeleteSubscription removes them all in one transaction (≤ 100 items). */
export const SUBSCRIPTION_MEMBER_LIMIT = 40;
/** Roles one user may hold, across subscriptions: ListSubscriptions answers all of them. */
export const USER_SUBSCRIPTION_LIMIT = 200;
/** Closed requests (approved, denied, cancelled) expire this long after closing (the table's TTL). */
export const CLOSED_REQUEST_RETENTION_DAYS = 90;

/** Who changed an item last, as the Fleet views show it. */
export interface ChangedBy {
  userId: string;
  userName: string;
  orgId: string;
}

export interface SubscriptionItem extends Stored {
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
  entity: 'subscription';
  subscriptionId: string;
  providerOrgId: string;
  customerOrgId: string;
  serviceId: string;
  environmentId: string;
  environmentType: EnvironmentType;
  productTierId: string;
  status: SubscriptionStatus;
  rootUserId: string;
  rootUserEmail: string;
  rootUserName: string;
  updatedBy: ChangedBy;
  /** Resource instances under it: moved by the instances issue's creates and deletes. */
  instanceCount: number;
  memberCount: number;
  /** Fleet UpdateSubscription's billing fields (no payment provider is wired: stored, not charged). */
  externalPayerId: string;
  inheritServicePlanPrice: boolean;
  pricePerUnit: Record<string, unknown>;
  priceEffectiveDate: string;
  /** The request it was approved from ('' when subscribed directly or on behalf). */
  requestId: string;
  gsi1pk: string;
  gsi1sk: string;
}

export interface SubscriptionRoleItem extends Stored {
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
  entity: 'subscriptionRole';
  subscriptionId: string;
  userId: string;
  /** The user's own org (a customer user invited from another customer org keeps its org). */
  userOrgId: string;
  email: string;
  name: string;
  roleType: SubscriptionRole;
  environmentType: EnvironmentType;
  serviceId: string;
  gsi1pk: string;
  gsi1sk: string;
}

export interface SubscriptionRequestItem extends Stored {
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
  entity: 'subscriptionRequest';
  requestId: string;
  providerOrgId: string;
  customerOrgId: string;
  serviceId: string;
  environmentId: string;
  environmentType: EnvironmentType;
  productTierId: string;
  status: SubscriptionRequestStatus;
  rootUserId: string;
  rootUserEmail: string;
  rootUserName: string;
  updatedBy: ChangedBy;
  /** The subscription an approval created ('' otherwise). */
  subscriptionId: string;
  /** TTL once closed. */
  expiresAt?: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

export type NewSubscription = Omit<SubscriptionItem, keyof Stored | 'entity' | 'gsi1pk' | 'gsi1sk' | 'instanceCount' | 'memberCount'>;

/** A new subscription item with its first member (the root) counted. */
export function newSubscriptionItem(fields: NewSubscription): SubscriptionItem {
  const item = stamp({ ...keys.subscription(fields.subscriptionId), entity: 'subscription' as const, ...fields, instanceCount: 0, memberCount: 1, gsi1pk: '', gsi1sk: '' });
  return { ...item, ...keys.subscriptionFleetListing(fields.serviceId, fields.environmentId, fields.productTierId, item.createdAt, fields.subscriptionId) };
}

export function newSubscriptionRoleItem(
  sub: Pick<SubscriptionItem, 'subscriptionId' | 'environmentType' | 'serviceId'>,
  user: { userId: string; orgId: string; email: string; name: string },
  roleType: SubscriptionRole,
): SubscriptionRoleItem {
  const item = stamp({
    ...keys.subscriptionRole(sub.subscriptionId, user.userId),
    entity: 'subscriptionRole' as const,
    subscriptionId: sub.subscriptionId,
    userId: user.userId,
    userOrgId: user.orgId,
    email: user.email,
    name: user.name,
    roleType,
    environmentType: sub.environmentType,
    serviceId: sub.serviceId,
    gsi1pk: '',
    gsi1sk: '',
  });
  return { ...item, ...keys.subscriptionRoleListing(user.userId, sub.environmentType, sub.serviceId, item.createdAt, sub.subscriptionId) };
}

export type NewSubscriptionRequest = Omit<SubscriptionRequestItem, keyof Stored | 'entity' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk' | 'expiresAt'>;

/** The request's item with its listing keys for its (new) status; closed requests get their TTL. */
export function subscriptionRequestItem<T extends Stored>(base: T, fields: NewSubscriptionRequest): SubscriptionRequestItem {
  const closed = fields.status !== 'PENDING';
  return {
    ...base,
    ...fields,
    entity: 'subscriptionRequest',
    ...keys.subscriptionRequestFleetListing(fields.serviceId, fields.environmentId, fields.status, base.createdAt, fields.requestId),
    ...keys.subscriptionRequestCustomerListing(fields.customerOrgId, fields.environmentType, fields.status, base.createdAt, fields.requestId),
    ...(closed ? { expiresAt: Math.floor(Date.now() / 1000) + CLOSED_REQUEST_RETENTION_DAYS * 86_400 } : {}),
  };
}

export function newSubscriptionRequestItem(fields: NewSubscriptionRequest): SubscriptionRequestItem {
  return subscriptionRequestItem(stamp(keys.subscriptionRequest(fields.requestId)), fields);
}

// -------------------------------------------------------------------------------------------- reads

export async function getSubscription(subscriptionId: string): Promise<SubscriptionItem | undefined> {
  const item = await getItem<SubscriptionItem>(keys.subscription(subscriptionId));
  return item?.entity === 'subscription' ? item : undefined;
}

/** The subscription of one provider's environment (the Fleet paths), or 404. */
export async function getProviderSubscription(providerOrgId: string, serviceId: string, environmentId: string, subscriptionId: string): Promise<SubscriptionItem> {
  const sub = await getSubscription(subscriptionId);
  if (!sub || sub.providerOrgId !== providerOrgId || sub.serviceId !== serviceId || sub.environmentId !== environmentId) throw new NotFound('subscription');
  return sub;
}

export async function getSubscriptionRole(subscriptionId: string, userId: string): Promise<SubscriptionRoleItem | undefined> {
  const item = await getItem<SubscriptionRoleItem>(keys.subscriptionRole(subscriptionId, userId));
  return item?.entity === 'subscriptionRole' ? item : undefined;
}

/** Every role on a subscription (bounded by SUBSCRIPTION_MEMBER_LIMIT), oldest first. */
export async function rolesOfSubscription(subscriptionId: string): Promise<SubscriptionRoleItem[]> {
  const items = await queryAll<SubscriptionRoleItem>(keys.rolesOfSubscription(subscriptionId));
  return items.filter((i) => i.entity === 'subscriptionRole').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A user's roles (bounded by USER_SUBSCRIPTION_LIMIT), narrowed by environment type (and service). */
export async function subscriptionRolesOfUser(userId: string, environmentType?: string, serviceId?: string): Promise<SubscriptionRoleItem[]> {
  const items = await queryAll<SubscriptionRoleItem>(keys.subscriptionRolesOfUser(userId, environmentType, serviceId));
  return items.filter((i) => i.entity === 'subscriptionRole');
}

/** Every subscription under a provider's environment (optionally of one plan), oldest first. */
export async function subscriptionsOfEnvironment(serviceId: string, environmentId: string, productTierId?: string): Promise<SubscriptionItem[]> {
  const items = await queryAll<SubscriptionItem>(keys.subscriptionsOfEnvironment(serviceId, environmentId, productTierId));
  return items.filter((i) => i.entity === 'subscription').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

interface LiveGuardItem extends Key {
  entity?: string;
  liveSubscriptionId: string;
}

/**
 * The ids of a customer org's live (ACTIVE or SUSPENDED) subscriptions, from their guards in its partition:
 * one per plan it holds, whichever provider (callers read each subscription for its provider and plan).
 */
export async function liveSubscriptionIdsOfOrg(customerOrgId: string): Promise<string[]> {
  const guards = await queryAll<LiveGuardItem>(keys.liveSubscriptionGuardsOfOrg(customerOrgId));
  return guards.filter((g) => g.entity === 'guard' && typeof g.liveSubscriptionId === 'string').map((g) => g.liveSubscriptionId);
}

/** One bounded page of a plan's subscriptions under its environment (any status), oldest first. */
export function subscriptionsOfPlanPage(serviceId: string, environmentId: string, productTierId: string, limit: number, pageToken?: string): Promise<Page<SubscriptionItem>> {
  return queryPage<SubscriptionItem>({ ...keys.subscriptionsOfEnvironment(serviceId, environmentId, productTierId), limit, pageToken });
}

/** The id of the customer org's live (ACTIVE or SUSPENDED) subscription to the plan, from its guard. */
export async function liveSubscriptionIdOf(customerOrgId: string, productTierId: string): Promise<string | undefined> {
  return (await getItem<LiveGuardItem>(keys.liveSubscriptionGuard(customerOrgId, productTierId)))?.liveSubscriptionId;
}

export async function getSubscriptionRequest(requestId: string): Promise<SubscriptionRequestItem | undefined> {
  const item = await getItem<SubscriptionRequestItem>(keys.subscriptionRequest(requestId));
  return item?.entity === 'subscriptionRequest' ? item : undefined;
}

export async function getProviderSubscriptionRequest(providerOrgId: string, serviceId: string, environmentId: string, requestId: string): Promise<SubscriptionRequestItem> {
  const r = await getSubscriptionRequest(requestId);
  if (!r || r.providerOrgId !== providerOrgId || r.serviceId !== serviceId || r.environmentId !== environmentId) throw new NotFound('subscription request');
  return r;
}

/** Requests under a provider's environment, optionally of one status, oldest first. */
export async function subscriptionRequestsOfEnvironment(serviceId: string, environmentId: string, status?: string): Promise<SubscriptionRequestItem[]> {
  const items = await queryAll<SubscriptionRequestItem>(keys.subscriptionRequestsOfEnvironment(serviceId, environmentId, status));
  return items.filter((i) => i.entity === 'subscriptionRequest').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A customer org's requests (narrowed by environment type, then status), oldest first. */
export async function subscriptionRequestsOfCustomer(customerOrgId: string, environmentType?: string, status?: string): Promise<SubscriptionRequestItem[]> {
  const items = await queryAll<SubscriptionRequestItem>(keys.subscriptionRequestsOfCustomer(customerOrgId, environmentType, status));
  return items.filter((i) => i.entity === 'subscriptionRequest').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

// ------------------------------------------------------------------------------ guards and counters

export function liveSubscriptionGuard(sub: Pick<SubscriptionItem, 'customerOrgId' | 'productTierId' | 'subscriptionId'>): { guard: Guard; owner: Key } {
  return {
    guard: {
      key: keys.liveSubscriptionGuard(sub.customerOrgId, sub.productTierId),
      conflict: `this customer org already has a subscription to product tier ${sub.productTierId}`,
      attributes: { liveSubscriptionId: sub.subscriptionId },
    },
    owner: keys.subscription(sub.subscriptionId),
  };
}

export const liveSubscriptionGuardKey = (sub: Pick<SubscriptionItem, 'customerOrgId' | 'productTierId'>): Key =>
  keys.liveSubscriptionGuard(sub.customerOrgId, sub.productTierId);

export function pendingRequestGuard(r: Pick<SubscriptionRequestItem, 'customerOrgId' | 'productTierId' | 'requestId'>): { guard: Guard; owner: Key } {
  return {
    guard: {
      key: keys.pendingSubscriptionRequestGuard(r.customerOrgId, r.productTierId),
      conflict: `this customer org already has a pending subscription request for product tier ${r.productTierId}`,
      attributes: { pendingRequestId: r.requestId },
    },
    owner: keys.subscriptionRequest(r.requestId),
  };
}

export const pendingRequestGuardKey = (r: Pick<SubscriptionRequestItem, 'customerOrgId' | 'productTierId'>): Key =>
  keys.pendingSubscriptionRequestGuard(r.customerOrgId, r.productTierId);

type Counter = NonNullable<TransactionPlan['counters']>[number];

/** A user's roles move by `by` (the user must still exist in its org); at most USER_SUBSCRIPTION_LIMIT. */
export function userSubscriptionCounter(user: { orgId: string; userId: string }, by: number): Counter {
  return {
    key: keys.user(user.orgId, user.userId),
    add: { subscriptionCount: by },
    entity: 'user',
    orgId: user.orgId,
    ...(by > 0
      ? { atMost: { max: USER_SUBSCRIPTION_LIMIT, failure: new InvalidState(`a user may hold roles on at most ${USER_SUBSCRIPTION_LIMIT} subscriptions`) } }
      : {}),
  };
}

/** The subscription's roles move by `by`; at most SUBSCRIPTION_MEMBER_LIMIT. */
export function subscriptionMemberCounter(sub: Pick<SubscriptionItem, 'subscriptionId' | 'customerOrgId'>, by: number): Counter {
  return {
    key: keys.subscription(sub.subscriptionId),
    add: { memberCount: by },
    entity: 'subscription',
    ...(by > 0
      ? { atMost: { max: SUBSCRIPTION_MEMBER_LIMIT, failure: new InvalidState(`a subscription may have at most ${SUBSCRIPTION_MEMBER_LIMIT} users`) } }
      : {}),
  };
}

export const subscriptionKey = (subscriptionId: string): Key => keys.subscription(subscriptionId);
export const subscriptionRoleKey = (subscriptionId: string, userId: string): Key => keys.subscriptionRole(subscriptionId, userId);
