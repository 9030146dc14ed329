/**
 * The Fleet API's subscription operations (inventory-api): the provider lists and describes its customers'
 * subscriptions and requests per environment, approves or denies requests, suspends, resumes and terminates
 * subscriptions, edits their billing fields, and subscribes a customer user itself. Names repeat the customer
 * side's (DescribeSubscription, ListSubscriptionRequests, DescribeSubscriptionRequest): these are this module's
 * (docs/decisions/010).
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { findUserById } from '#shared/data/entities/user.ts';
import {
  getProviderSubscription,
  getProviderSubscriptionRequest,
  liveSubscriptionGuardKey,
  pendingRequestGuardKey,
  subscriptionRequestItem,
  subscriptionRequestsOfEnvironment,
  subscriptionsOfEnvironment,
} from '#shared/data/entities/subscription.ts';
import { closeRequest, fleetSubscriptionView, isLive, nextSubscriptionStatus, subscriptionRequestView, type SubscriptionAction } from '#shared/domain/subscription.ts';
import { NotFound } from '#shared/errors.ts';
import type {
  FleetCreateSubscriptionOnBehalfOfCustomerRequest,
  FleetDescribeSubscriptionResult,
  FleetListSubscriptionQuery,
  FleetUpdateSubscriptionRequest,
  ListSubscriptionRequestsQuery,
} from '#shared/schemas/fleet/inventory.ts';
import type { DescribeSubscriptionRequestResult } from '#shared/schemas/subscription-request.ts';
import { actingUser, customerUserOf, loadPlan, namesFor, subscribePlan, withSubscriptionEvent } from '#shared/use-cases/subscription/common.ts';
import { withRequestEvent } from '#shared/use-cases/subscription-request.ts';

interface EnvironmentPath {
  serviceId: string;
  environmentId: string;
}
type FleetView = z.input<typeof FleetDescribeSubscriptionResult>;
type RequestView = z.input<typeof DescribeSubscriptionRequestResult>;

const EVENT: Record<SubscriptionAction, string> = { suspend: 'SubscriptionSuspended', resume: 'SubscriptionResumed', terminate: 'SubscriptionTerminated' };

/** Every subscription of the provider's environment (optionally of one plan), complete. */
export async function listSubscription(caller: Caller, path: EnvironmentPath, query: z.output<typeof FleetListSubscriptionQuery>): Promise<{ ids: string[]; subscriptions: FleetView[] }> {
  await getEnvironment(caller.orgId, path.serviceId, path.environmentId);
  const subs = (await subscriptionsOfEnvironment(path.serviceId, path.environmentId, query.productTierId)).filter((s) => s.providerOrgId === caller.orgId);
  const names = await namesFor(subs);
  return { ids: subs.map((s) => s.subscriptionId), subscriptions: subs.map((s) => fleetSubscriptionView(s, names(s))) };
}

export async function describeSubscription(caller: Caller, path: EnvironmentPath & { id: string }): Promise<FleetView> {
  const sub = await getProviderSubscription(caller.orgId, path.serviceId, path.environmentId, path.id);
  return fleetSubscriptionView(sub, (await namesFor([sub]))(sub));
}

export async function updateSubscription(caller: Caller, path: EnvironmentPath & { id: string }, input: z.output<typeof FleetUpdateSubscriptionRequest>): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const sub = await getProviderSubscription(caller.orgId, path.serviceId, path.environmentId, path.id);
    const next = advance(
      sub,
      withSubscriptionEvent(
        {
          ...sub,
          externalPayerId: input.externalPayerId ?? sub.externalPayerId,
          inheritServicePlanPrice: input.inheritServicePlanPrice ?? sub.inheritServicePlanPrice,
          pricePerUnit: input.pricePerUnit ?? sub.pricePerUnit,
          priceEffectiveDate: input.priceEffectiveDate ?? sub.priceEffectiveDate,
          updatedBy: by,
        },
        by,
        'Provider',
        'SubscriptionUpdated',
        `${by.userName} updated subscription ${sub.subscriptionId}`,
      ),
    );
    await commit({ puts: [{ item: next, expectVersion: sub.version }] });
  });
}

/** One move of the lifecycle table; terminating gives the plan's place back (a new subscription may follow). */
async function move(caller: Caller, path: EnvironmentPath & { id: string }, action: SubscriptionAction): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const sub = await getProviderSubscription(caller.orgId, path.serviceId, path.environmentId, path.id);
    const status = nextSubscriptionStatus(sub.status, action);
    const next = withSubscriptionEvent({ ...sub, status, updatedBy: by }, by, 'Provider', EVENT[action], `${by.userName} moved subscription ${sub.subscriptionId} from ${sub.status} to ${status}`);
    await commit({
      puts: [{ item: advance(sub, next), expectVersion: sub.version }],
      guardsRemove: isLive(status) ? [] : [liveSubscriptionGuardKey(sub)],
    });
  });
}

export function suspendSubscription(caller: Caller, path: EnvironmentPath & { id: string }): Promise<void> {
  return move(caller, path, 'suspend');
}
export function resumeSubscription(caller: Caller, path: EnvironmentPath & { id: string }): Promise<void> {
  return move(caller, path, 'resume');
}
export function terminateSubscription(caller: Caller, path: EnvironmentPath & { id: string }): Promise<void> {
  return move(caller, path, 'terminate');
}

/** The provider subscribes one of its customer users (who becomes the root) to a plan of this environment. */
export async function createSubscriptionOnBehalfOfCustomer(
  caller: Caller,
  path: EnvironmentPath,
  input: z.output<typeof FleetCreateSubscriptionOnBehalfOfCustomerRequest>,
): Promise<{ id: string }> {
  const plan = await loadPlan(caller.orgId, path.serviceId, input.productTierId);
  if (plan.environment.environmentId !== path.environmentId) throw new NotFound('product tier');
  if (plan.offeredVersion === undefined) throw new NotFound('product tier');
  const [by, user] = await Promise.all([actingUser(caller), findUserById(input.onBehalfOfCustomerUserId).then((u) => customerUserOf(caller.orgId, u))]);
  return withRetry(async () => {
    const { subscription, plan: write } = subscribePlan(
      plan,
      user,
      by,
      { source: 'Provider', type: 'SubscriptionCreated', message: `${by.userName} subscribed ${user.email} to ${plan.tier.name}` },
      input,
    );
    await commit(write);
    return { id: subscription.subscriptionId };
  });
}

export async function listSubscriptionRequests(caller: Caller, path: EnvironmentPath, query: z.output<typeof ListSubscriptionRequestsQuery>): Promise<{ ids: string[]; subscriptionRequests: RequestView[] }> {
  await getEnvironment(caller.orgId, path.serviceId, path.environmentId);
  const items = (await subscriptionRequestsOfEnvironment(path.serviceId, path.environmentId, query.status)).filter((r) => r.providerOrgId === caller.orgId);
  const names = await namesFor(items);
  return { ids: items.map((r) => r.requestId), subscriptionRequests: items.map((r) => subscriptionRequestView(r, names(r))) };
}

export async function describeSubscriptionRequest(caller: Caller, path: EnvironmentPath & { id: string }): Promise<RequestView> {
  const r = await getProviderSubscriptionRequest(caller.orgId, path.serviceId, path.environmentId, path.id);
  return subscriptionRequestView(r, (await namesFor([r]))(r));
}

/**
 * PENDING → APPROVED, and the subscription it asks for (the requester is its root), in one transaction: the
 * request (conditional on its version), its pending place given back, and what `subscribePlan` writes. A customer
 * org that subscribed meanwhile makes the approval 409 (the live guard).
 */
export async function approveSubscriptionRequest(caller: Caller, path: EnvironmentPath & { id: string }): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const r = await getProviderSubscriptionRequest(caller.orgId, path.serviceId, path.environmentId, path.id);
    const status = closeRequest(r.status, 'APPROVED');
    const plan = await loadPlan(caller.orgId, r.serviceId, r.productTierId);
    const root = { userId: r.rootUserId, orgId: r.customerOrgId, email: r.rootUserEmail, name: r.rootUserName };
    const { subscription, plan: write } = subscribePlan(
      plan,
      root,
      by,
      { source: 'Provider', type: 'SubscriptionCreated', message: `${by.userName} approved ${r.rootUserEmail}'s request for ${plan.tier.name}` },
      { requestId: r.requestId },
    );
    const approved = subscriptionRequestItem(r, { ...r, status, updatedBy: by, subscriptionId: subscription.subscriptionId });
    const next = advance(r, withRequestEvent(approved, by, 'Provider', 'SubscriptionRequestApproved', `${by.userName} approved subscription request ${r.requestId}`));
    await commit({
      ...write,
      puts: [...(write.puts ?? []), { item: next, expectVersion: r.version }],
      guardsRemove: [pendingRequestGuardKey(r)],
    });
  });
}

export async function denySubscriptionRequest(caller: Caller, path: EnvironmentPath & { id: string }): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const r = await getProviderSubscriptionRequest(caller.orgId, path.serviceId, path.environmentId, path.id);
    const status = closeRequest(r.status, 'DENIED');
    const denied = withRequestEvent(subscriptionRequestItem(r, { ...r, status, updatedBy: by }), by, 'Provider', 'SubscriptionRequestDenied', `${by.userName} denied subscription request ${r.requestId}`);
    await commit({
      puts: [{ item: advance(r, denied), expectVersion: r.version }],
      guardsRemove: [pendingRequestGuardKey(r)],
    });
  });
}
