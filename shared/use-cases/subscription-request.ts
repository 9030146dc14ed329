/**
 * subscription-request-api: a customer asks for a plan that needs the provider's approval (PENDING), sees its
 * requests, and may cancel one while it is PENDING. The provider approves or denies it through the Fleet API.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { auditFacts } from '#shared/data/entities/audit-event.ts';
import { getUser } from '#shared/data/entities/user.ts';
import {
  getSubscriptionRequest,
  liveSubscriptionIdOf,
  newSubscriptionRequestItem,
  pendingRequestGuard,
  pendingRequestGuardKey,
  subscriptionRequestItem,
  subscriptionRequestsOfCustomer,
  type ChangedBy,
  type SubscriptionRequestItem,
} from '#shared/data/entities/subscription.ts';
import { checkNeedsApproval, checkSubscribable, closeRequest, subscriptionRequestView } from '#shared/domain/subscription.ts';
import type { DescribeSubscriptionRequestResult, ListSubscriptionRequestsQuery } from '#shared/schemas/subscription-request.ts';
import type { SubscribeRequest } from '#shared/schemas/subscription.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import { actingUser, eventSourceOf, loadPlan, namesFor, providerOf } from '#shared/use-cases/subscription/common.ts';

type View = z.input<typeof DescribeSubscriptionRequestResult>;

/** The request as changed, carrying the audit facts of the change (projected into the log by the stream job). */
export function withRequestEvent(r: SubscriptionRequestItem, by: ChangedBy, source: 'Customer' | 'Provider', type: string, message: string): SubscriptionRequestItem {
  return { ...r, ...requestFacts(r, by, source, type, message) };
}

function requestFacts(r: SubscriptionRequestItem, by: ChangedBy, source: 'Customer' | 'Provider', type: string, message: string) {
  return auditFacts({
    providerOrgId: r.providerOrgId,
    customerOrgId: r.customerOrgId,
    eventSource: source,
    eventType: type,
    message,
    userId: by.userId,
    userName: by.userName,
    serviceId: r.serviceId,
    environmentType: r.environmentType,
    productTierId: r.productTierId,
    ...(r.subscriptionId ? { subscriptionId: r.subscriptionId } : {}),
  });
}

/** A request of the caller's org (and portal environment type), or 404. */
async function requestOfCaller(caller: Caller, requestId: string): Promise<SubscriptionRequestItem> {
  const r = await getSubscriptionRequest(requestId);
  const visible =
    r && r.customerOrgId === caller.orgId && r.providerOrgId === providerOf(caller) && (!caller.customer || r.environmentType === caller.customer.environmentType);
  if (!visible) throw new NotFound('subscription request');
  return r;
}

export async function createSubscriptionRequest(caller: Caller, input: z.output<typeof SubscribeRequest>): Promise<string> {
  const plan = await loadPlan(providerOf(caller), input.serviceId, input.productTierId);
  checkSubscribable(plan, caller.customer);
  checkNeedsApproval(plan.tier);
  const [by, me] = await Promise.all([actingUser(caller), getUser(caller.orgId, caller.userId)]);
  if (!me) throw new NotFound('user');
  if (await liveSubscriptionIdOf(caller.orgId, plan.tier.productTierId)) {
    throw new Conflict(`this customer org already has a subscription to product tier ${plan.tier.productTierId}`);
  }
  const fresh = newSubscriptionRequestItem({
    requestId: newId(ID_PREFIX.subscriptionRequest),
    providerOrgId: plan.tier.orgId,
    customerOrgId: caller.orgId,
    serviceId: plan.tier.serviceId,
    environmentId: plan.environment.environmentId,
    environmentType: plan.environment.type,
    productTierId: plan.tier.productTierId,
    status: 'PENDING',
    rootUserId: me.userId,
    rootUserEmail: me.email,
    rootUserName: me.name,
    updatedBy: by,
    subscriptionId: '',
  });
  const request = withRequestEvent(fresh, by, eventSourceOf(caller), 'SubscriptionRequested', `${by.userName} requested access to ${plan.tier.name}`);
  await withRetry(() =>
    commit({
      puts: [{ item: request }],
      guardsAdd: [pendingRequestGuard(request)],
    }),
  );
  return request.requestId;
}

export async function describeSubscriptionRequest(caller: Caller, requestId: string): Promise<View> {
  const r = await requestOfCaller(caller, requestId);
  return subscriptionRequestView(r, (await namesFor([r]))(r));
}

/** The caller's org's requests of its portal's environment type (status in the key), complete. */
export async function listSubscriptionRequests(caller: Caller, query: z.output<typeof ListSubscriptionRequestsQuery>): Promise<{ ids: string[]; subscriptionRequests: View[] }> {
  const environmentType = caller.customer?.environmentType;
  const items = (await subscriptionRequestsOfCustomer(caller.orgId, environmentType, environmentType ? query.status : undefined)).filter(
    (r) => r.providerOrgId === providerOf(caller) && (!query.status || r.status === query.status),
  );
  const names = await namesFor(items);
  return { ids: items.map((r) => r.requestId), subscriptionRequests: items.map((r) => subscriptionRequestView(r, names(r))) };
}

/** PENDING → CANCELLED, and the plan's pending place given back; conditional on the version read. */
export async function cancelSubscriptionRequest(caller: Caller, requestId: string): Promise<void> {
  const by = await actingUser(caller);
  await withRetry(async () => {
    const r = await requestOfCaller(caller, requestId);
    const status = closeRequest(r.status, 'CANCELLED');
    const next = advance(r, withRequestEvent(subscriptionRequestItem(r, { ...r, status, updatedBy: by }), by, eventSourceOf(caller), 'SubscriptionRequestCancelled', `${by.userName} cancelled subscription request ${requestId}`));
    await commit({
      puts: [{ item: next, expectVersion: r.version }],
      guardsRemove: [pendingRequestGuardKey(r)],
    });
  });
}
