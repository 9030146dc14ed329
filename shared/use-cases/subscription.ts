/**
 * subscription-api: a customer (or a provider trying its own plans) subscribes to a plan that approves
 * automatically, sees its subscriptions, and deletes one. Plans that need approval go through
 * subscription-request-api; the provider manages subscriptions through the Fleet API
 * (shared/use-cases/fleet/inventory/subscription.ts).
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { commit, withRetry } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import { getUser } from '#shared/data/entities/user.ts';
import {
  getSubscription,
  getSubscriptionRole,
  liveSubscriptionGuardKey,
  rolesOfSubscription,
  subscriptionKey,
  subscriptionRoleKey,
  subscriptionRolesOfUser,
  userSubscriptionCounter,
  type SubscriptionItem,
  type SubscriptionRoleItem,
} from '#shared/data/entities/subscription.ts';
import { checkAutoApproves, checkDeletable, checkManagesUsers, checkSubscribable, isLive, subscriptionView } from '#shared/domain/subscription.ts';
import type { DescribeSubscriptionResult, ListSubscriptionsQuery, SubscribeRequest } from '#shared/schemas/subscription.ts';
import { actingUser, eventSourceOf, loadPlan, namesFor, providerOf, subscribePlan, subscriptionEventInput } from '#shared/use-cases/subscription/common.ts';
import { auditMarker } from '#shared/data/entities/audit-event.ts';

export { activeSubscriptionFor } from '#shared/use-cases/subscription/common.ts';

type View = z.input<typeof DescribeSubscriptionResult>;

/** Whether the caller may see `sub`: its provider, and for a customer its portal's environment type. */
export function visibleTo(caller: Caller, sub: Pick<SubscriptionItem, 'providerOrgId' | 'environmentType'> | undefined): boolean {
  return !!sub && sub.providerOrgId === providerOf(caller) && (!caller.customer || sub.environmentType === caller.customer.environmentType);
}

/** The subscription and the caller's role on it, or 404 (no role, another provider, another environment type). */
export async function subscriptionOfCaller(caller: Caller, subscriptionId: string): Promise<{ sub: SubscriptionItem; role: SubscriptionRoleItem }> {
  const [sub, role] = await Promise.all([getSubscription(subscriptionId), getSubscriptionRole(subscriptionId, caller.userId)]);
  if (!sub || !role || !visibleTo(caller, sub)) throw new NotFound('subscription');
  return { sub, role };
}

export async function createSubscription(caller: Caller, input: z.output<typeof SubscribeRequest>): Promise<string> {
  const plan = await loadPlan(providerOf(caller), input.serviceId, input.productTierId);
  checkSubscribable(plan, caller.customer);
  checkAutoApproves(plan.tier);
  const [by, me] = await Promise.all([actingUser(caller), getUser(caller.orgId, caller.userId)]);
  if (!me) throw new NotFound('user');
  return withRetry(async () => {
    const { subscription, plan: write } = subscribePlan(plan, me, by, {
      source: eventSourceOf(caller),
      type: 'SubscriptionCreated',
      message: `${by.userName} subscribed to ${plan.tier.name}`,
    });
    await commit(write);
    return subscription.subscriptionId;
  });
}

export async function describeSubscription(caller: Caller, subscriptionId: string): Promise<View> {
  const { sub, role } = await subscriptionOfCaller(caller, subscriptionId);
  const names = await namesFor([sub]);
  return subscriptionView(sub, role.roleType, names(sub));
}

/**
 * The caller's subscriptions (every one it holds a role on; at most USER_SUBSCRIPTION_LIMIT, so complete): one
 * Query on its roles, narrowed by environment type and service in the key, then one GetItem per subscription.
 */
export async function listSubscriptions(caller: Caller, query: z.output<typeof ListSubscriptionsQuery>): Promise<{ ids: string[]; subscriptions: View[] }> {
  const scope = caller.customer?.environmentType;
  if (scope && query.environmentType && query.environmentType !== scope) return { ids: [], subscriptions: [] };
  const environmentType = scope ?? query.environmentType;
  const roles = (await subscriptionRolesOfUser(caller.userId, environmentType, environmentType ? query.serviceId : undefined)).filter(
    (r) => !query.serviceId || r.serviceId === query.serviceId,
  );
  const subs = await Promise.all(roles.map((r) => getSubscription(r.subscriptionId)));
  const pairs = roles.map((role, i) => ({ role, sub: subs[i] })).filter((p): p is { role: SubscriptionRoleItem; sub: SubscriptionItem } => visibleTo(caller, p.sub));
  pairs.sort((a, b) => a.sub.createdAt.localeCompare(b.sub.createdAt) || a.sub.subscriptionId.localeCompare(b.sub.subscriptionId));
  const names = await namesFor(pairs.map((p) => p.sub));
  return { ids: pairs.map((p) => p.sub.subscriptionId), subscriptions: pairs.map((p) => subscriptionView(p.sub, p.role.roleType, names(p.sub))) };
}

/**
 * Removes the subscription, every role on it (each user's role count given back) and, while it is live, its plan's
 * place, in one transaction conditional on the version read; refused while it has instances. Only a root.
 */
export async function deleteSubscription(caller: Caller, subscriptionId: string): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const { sub, role } = await subscriptionOfCaller(caller, subscriptionId);
    checkManagesUsers(role);
    checkDeletable(sub);
    const roles = await rolesOfSubscription(subscriptionId);
    const users = await Promise.all(roles.map((r) => getUser(r.userOrgId, r.userId)));
    await commit({
      deletes: [{ key: subscriptionKey(subscriptionId), version: sub.version }, ...roles.map((r) => ({ key: subscriptionRoleKey(subscriptionId, r.userId), version: r.version }))],
      counters: roles.filter((_, i) => users[i]).map((r) => userSubscriptionCounter({ orgId: r.userOrgId, userId: r.userId }, -1)),
      guardsRemove: isLive(sub.status) ? [liveSubscriptionGuardKey(sub)] : [],
      appends: [auditMarker(subscriptionKey(subscriptionId), subscriptionEventInput(sub, by, eventSourceOf(caller), 'SubscriptionDeleted', `${by.userName} deleted subscription ${subscriptionId}`))],
    });
  });
}
