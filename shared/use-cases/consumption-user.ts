/**
 * consumption-user-api (subscription users and billing): who holds which role on a subscription, inviting and
 * revoking (a root only), and the billing details a portal shows — honest while no payment provider is wired.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { commit, withRetry } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { getUser } from '#shared/data/entities/user.ts';
import {
  getSubscription,
  getSubscriptionRole,
  newSubscriptionRoleItem,
  rolesOfSubscription,
  subscriptionMemberCounter,
  subscriptionRoleKey,
  subscriptionRolesOfUser,
  userSubscriptionCounter,
} from '#shared/data/entities/subscription.ts';
import { checkManagesUsers, checkRevocation, subscriptionUserView } from '#shared/domain/subscription.ts';
import type {
  DescribeUserBillingDetailsResult,
  DescribeUsersBySubscriptionResult,
  ListAllSubscriptionUsersQuery,
  ListAllSubscriptionUsersResult,
  SubscriptionUserRequest,
} from '#shared/schemas/consumption-user.ts';
import { inviteCustomerUser, signinWithBasicCredentials } from '#shared/use-cases/customer-users.ts';
import { actingUser, customerUserByEmail, eventSourceOf, providerOf, subscriptionEventInput } from '#shared/use-cases/subscription/common.ts';
import { auditFacts, auditMarker } from '#shared/data/entities/audit-event.ts';
import { subscriptionOfCaller, visibleTo } from '#shared/use-cases/subscription.ts';

/** Every user of every subscription the caller holds a role on (its portal's environment type), complete. */
export async function listAllSubscriptionUsers(caller: Caller, query: z.output<typeof ListAllSubscriptionUsersQuery>): Promise<z.input<typeof ListAllSubscriptionUsersResult>> {
  const scope = caller.customer?.environmentType;
  if (scope && query.environmentType && query.environmentType !== scope) return { subscriptionUsers: [] };
  const mine = await subscriptionRolesOfUser(caller.userId, scope ?? query.environmentType);
  const subs = await Promise.all(mine.map((r) => getSubscription(r.subscriptionId)));
  const visible = mine.filter((_, i) => visibleTo(caller, subs[i]));
  const roles = await Promise.all(visible.map((r) => rolesOfSubscription(r.subscriptionId)));
  return { subscriptionUsers: roles.flat().map(subscriptionUserView) };
}

export async function describeUsersBySubscription(caller: Caller, subscriptionId: string): Promise<z.input<typeof DescribeUsersBySubscriptionResult>> {
  await subscriptionOfCaller(caller, subscriptionId);
  const roles = await rolesOfSubscription(subscriptionId);
  return { Id: subscriptionId, subscriptionUsers: roles.map(subscriptionUserView) };
}

/**
 * Gives an existing customer user of the same provider a role on the subscription (a root only). The role, the
 * subscription's member count, the user's role count and the audit record in one transaction; a user who already
 * holds a role is 409 (the role item is new). An email that is no customer of this provider yet becomes one:
 * a customer user without a password and an invitation mail (ChangePassword with its token activates it).
 */
export async function inviteUser(caller: Caller, subscriptionId: string, input: z.output<typeof SubscriptionUserRequest>): Promise<void> {
  const by = await actingUser(caller);
  const { sub, role } = await subscriptionOfCaller(caller, subscriptionId);
  checkManagesUsers(role);
  const user =
    (await customerUserByEmail(providerOf(caller), input.email)) ??
    (await inviteCustomerUser(providerOf(caller), input.email, { userId: by.userId, userName: by.userName, eventSource: eventSourceOf(caller) }));
  if (await getSubscriptionRole(subscriptionId, user.userId)) throw new Conflict(`${input.email} already has a role on this subscription`);
  const item = {
    ...newSubscriptionRoleItem(sub, user, input.roleType),
    ...auditFacts(subscriptionEventInput(sub, by, eventSourceOf(caller), 'SubscriptionUserInvited', `${by.userName} gave ${input.email} the ${input.roleType} role`)),
  };
  await withRetry(() =>
    commit({
      puts: [{ item }],
      counters: [subscriptionMemberCounter(sub, 1), userSubscriptionCounter(user, 1)],
      asserts: [{ key: subscriptionRoleKey(subscriptionId, caller.userId), equals: { roleType: 'root' }, failure: new Conflict('your role on this subscription changed; retry') }],
    }),
  ).catch((e) => {
    // The role item is new: a concurrent invitation of the same user made it first.
    if (e instanceof Conflict && e.message === 'an item with this id already exists') throw new Conflict(`${input.email} already has a role on this subscription`);
    throw e;
  });
}

/** Removes a user's role (a root only; the last root stays). */
export async function revokeUserRole(caller: Caller, subscriptionId: string, input: z.output<typeof SubscriptionUserRequest>): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const { sub, role } = await subscriptionOfCaller(caller, subscriptionId);
    checkManagesUsers(role);
    const roles = await rolesOfSubscription(subscriptionId);
    const target = roles.find((r) => r.email === input.email);
    if (!target) throw new NotFound(`role of ${input.email} on this subscription`);
    checkRevocation(target, input.roleType, roles);
    const user = await getUser(target.userOrgId, target.userId);
    const otherRoot = roles.find((r) => r.roleType === 'root' && r.userId !== target.userId);
    await commit({
      deletes: [{ key: subscriptionRoleKey(subscriptionId, target.userId), version: target.version }],
      counters: [subscriptionMemberCounter(sub, -1), ...(user ? [userSubscriptionCounter(user, -1)] : [])],
      // The caller is still a root, and a root stays behind (two roots revoking each other cannot both win).
      asserts: [
        ...(target.userId !== caller.userId ? [{ key: subscriptionRoleKey(subscriptionId, caller.userId), equals: { roleType: 'root' }, failure: new Conflict('your role on this subscription changed; retry') }] : []),
        ...(target.roleType === 'root' && otherRoot && otherRoot.userId !== caller.userId
          ? [{ key: subscriptionRoleKey(subscriptionId, otherRoot.userId), equals: { roleType: 'root' }, failure: new Conflict('the subscription\'s roots changed; retry') }]
          : []),
      ],
      appends: [
        auditMarker(
          subscriptionRoleKey(subscriptionId, target.userId),
          subscriptionEventInput(sub, by, eventSourceOf(caller), 'SubscriptionUserRevoked', `${by.userName} revoked the ${input.roleType} role of ${input.email}`),
        ),
      ],
    });
  });
}

/**
 * The caller's own billing details. No payment provider is wired into this deployment, so no payment is
 * configured and there is no billing or payment portal URL to give: the answer says exactly that.
 */
export async function describeUserBillingDetails(caller: Caller, userId: string): Promise<z.input<typeof DescribeUserBillingDetailsResult>> {
  if (userId !== caller.userId) throw new NotFound('user');
  const user = await getUser(caller.orgId, caller.userId);
  if (!user) throw new NotFound('user');
  return {
    userId: user.userId,
    name: user.name,
    paymentConfigured: false,
    billingProvider: '',
    message: 'no payment provider is configured for this deployment; nothing is charged',
  };
}

/** Signin (consumption-user-api): HTTP basic credentials of a customer user → a customer token (PROD scope). */
export function signin(authorization: string | undefined): Promise<{ token: string }> {
  return signinWithBasicCredentials(authorization);
}
