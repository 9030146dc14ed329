/**
 * What the subscription use cases share (customer side, request side and the Fleet API): the plan a caller
 * subscribes to, the one way a subscription comes into being (`subscribePlan`), the names views show, the
 * acting user, and `activeSubscriptionFor`, which the resource-instance issue asks.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { providerOrgOf } from '#shared/auth/caller.ts';
import { NotFound } from '#shared/errors.ts';
import type { TransactionPlan } from '#shared/data/store.ts';
import { auditFacts, type AuditEventInput, type AuditEventItem } from '#shared/data/entities/audit-event.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getOrg, getProviderProfile } from '#shared/data/entities/org.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { getService } from '#shared/data/entities/service.ts';
import { findUserByEmail, getUser, type UserItem } from '#shared/data/entities/user.ts';
import {
  getSubscription,
  liveSubscriptionGuard,
  liveSubscriptionIdOf,
  newSubscriptionItem,
  newSubscriptionRoleItem,
  userSubscriptionCounter,
  type ChangedBy,
  type NewSubscription,
  type SubscriptionItem,
  type SubscriptionRoleItem,
} from '#shared/data/entities/subscription.ts';
import type { PlanContext, ViewNames } from '#shared/domain/subscription.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import { offeredVersion } from '#shared/use-cases/service-offering.ts';
import { findCustomerUserByEmail } from '#shared/use-cases/customer-users.ts';

/** The user acting, as the records name them (the session check has just read the same row). */
export async function actingUser(caller: Caller): Promise<ChangedBy & { email: string }> {
  const user = await getUser(caller.orgId, caller.userId);
  return { userId: caller.userId, userName: user?.name ?? caller.email, orgId: caller.orgId, email: caller.email };
}

export const eventSourceOf = (caller: Caller) => (caller.customer ? ('Customer' as const) : ('Provider' as const));

/** The plan, its environment and offered version, in the provider's org (404 for anyone else's). */
export async function loadPlan(providerOrgId: string, serviceId: string, productTierId: string): Promise<PlanContext> {
  const tier = await getProductTier(providerOrgId, serviceId, productTierId);
  const [environment, offered] = await Promise.all([getEnvironment(providerOrgId, serviceId, tier.environmentId, 'product tier'), offeredVersion(tier)]);
  return { tier, environment, offeredVersion: offered?.tierVersion };
}

/** The caller's provider: a customer's, or the provider itself. */
export const providerOf = (caller: Caller) => providerOrgOf(caller);

/**
 * A new ACTIVE subscription of `root` (who becomes its root) to the plan, as a plan to commit: the subscription,
 * the root's role, the live guard (one per customer org and plan: a second is 409, also under races), the
 * root's role counter; the subscription carries the audit facts. `extra` carries what the caller's own change adds (an approved
 * request).
 */
export function subscribePlan(
  plan: PlanContext,
  root: Pick<UserItem, 'userId' | 'orgId' | 'email' | 'name'>,
  by: ChangedBy,
  event: { source: AuditEventItem['eventSource']; type: string; message: string },
  fields: Partial<Pick<NewSubscription, 'externalPayerId' | 'inheritServicePlanPrice' | 'pricePerUnit' | 'priceEffectiveDate' | 'requestId'>> = {},
): { subscription: SubscriptionItem; role: SubscriptionRoleItem; plan: TransactionPlan } {
  const subscription = newSubscriptionItem({
    subscriptionId: newId(ID_PREFIX.subscription),
    providerOrgId: plan.tier.orgId,
    customerOrgId: root.orgId,
    serviceId: plan.tier.serviceId,
    environmentId: plan.environment.environmentId,
    environmentType: plan.environment.type,
    productTierId: plan.tier.productTierId,
    status: 'ACTIVE',
    rootUserId: root.userId,
    rootUserEmail: root.email,
    rootUserName: root.name,
    updatedBy: by,
    externalPayerId: fields.externalPayerId ?? '',
    inheritServicePlanPrice: fields.inheritServicePlanPrice ?? true,
    pricePerUnit: fields.pricePerUnit ?? {},
    priceEffectiveDate: fields.priceEffectiveDate ?? '',
    requestId: fields.requestId ?? '',
  });
  const role = newSubscriptionRoleItem(subscription, root, 'root');
  const audited = withSubscriptionEvent(subscription, by, event.source, event.type, event.message);
  return {
    subscription: audited,
    role,
    plan: {
      puts: [{ item: audited }, { item: role }],
      guardsAdd: [liveSubscriptionGuard(subscription)],
      counters: [userSubscriptionCounter(root, 1)],
    },
  };
}

/** The audit facts of a change to a subscription (or to what hangs under it: its roles). */
export function subscriptionEventInput(sub: SubscriptionItem, by: ChangedBy, source: AuditEventItem['eventSource'], type: string, message: string): AuditEventInput {
  return {
    providerOrgId: sub.providerOrgId,
    customerOrgId: sub.customerOrgId,
    eventSource: source,
    eventType: type,
    message,
    userId: by.userId,
    userName: by.userName,
    serviceId: sub.serviceId,
    environmentType: sub.environmentType,
    productTierId: sub.productTierId,
    subscriptionId: sub.subscriptionId,
  };
}

/** The subscription as changed, carrying the facts of the change (projected into the log by the stream job). */
export function withSubscriptionEvent(sub: SubscriptionItem, by: ChangedBy, source: AuditEventItem['eventSource'], type: string, message: string): SubscriptionItem {
  return { ...sub, ...auditFacts(subscriptionEventInput(sub, by, source, type, message)) };
}

/**
 * The names views show, read live and once per distinct service and plan (a list of 200 subscriptions to 3
 * plans reads 3 tiers): '' for what is gone.
 */
export async function namesFor(items: readonly { providerOrgId: string; serviceId: string; productTierId: string }[]): Promise<(i: { serviceId: string; productTierId: string; providerOrgId: string }) => ViewNames> {
  const services = new Map<string, Promise<{ name: string; logo: string }>>();
  const tiers = new Map<string, Promise<ProductTierItem | undefined>>();
  const providers = new Map<string, Promise<string>>();
  for (const i of items) {
    if (!services.has(i.serviceId)) {
      services.set(
        i.serviceId,
        getService(i.providerOrgId, i.serviceId).then(
          (s) => ({ name: s.name, logo: s.serviceLogoURL ?? '' }),
          () => ({ name: '', logo: '' }),
        ),
      );
    }
    const tk = `${i.serviceId}/${i.productTierId}`;
    if (!tiers.has(tk)) tiers.set(tk, getProductTier(i.providerOrgId, i.serviceId, i.productTierId).catch(() => undefined));
    if (!providers.has(i.providerOrgId)) providers.set(i.providerOrgId, getProviderProfile(i.providerOrgId).then((p) => p.name));
  }
  const [s, t, p] = await Promise.all([settle(services), settle(tiers), settle(providers)]);
  return (i) => {
    const tier = t.get(`${i.serviceId}/${i.productTierId}`);
    const service = s.get(i.serviceId);
    return { serviceName: service?.name ?? '', serviceLogoURL: service?.logo ?? '', productTierName: tier?.name ?? '', providerName: p.get(i.providerOrgId) ?? '', tier };
  };
}

async function settle<T>(m: Map<string, Promise<T>>): Promise<Map<string, T>> {
  const entries = await Promise.all([...m].map(async ([k, v]) => [k, await v] as const));
  return new Map(entries);
}

/**
 * A customer user of `providerOrgId` with this email (its per-provider email guard), or a user of the
 * provider's own org (who may subscribe to its own plans), or undefined.
 */
export async function customerUserByEmail(providerOrgId: string, email: string): Promise<UserItem | undefined> {
  const customer = await findCustomerUserByEmail(providerOrgId, email);
  if (customer) return customer;
  const user = await findUserByEmail(email);
  return user?.orgId === providerOrgId ? user : undefined;
}

/** A customer user of the provider by id (CreateSubscriptionOnBehalfOfCustomer), or 404. */
export async function customerUserOf(providerOrgId: string, user: UserItem | undefined): Promise<UserItem> {
  if (!user) throw new NotFound('customer user');
  if (user.orgId === providerOrgId) return user;
  const org = await getOrg(user.orgId);
  if (org?.providerOrgId !== providerOrgId) throw new NotFound('customer user');
  return user;
}

/**
 * The customer org's ACTIVE subscription to the plan, or undefined (none, or suspended): what the resource-instance
 * issue checks before an instance create. Two GetItems (the live guard, then the subscription).
 */
export async function activeSubscriptionFor(customerOrgId: string, productTierId: string): Promise<SubscriptionItem | undefined> {
  const id = await liveSubscriptionIdOf(customerOrgId, productTierId);
  const sub = id ? await getSubscription(id) : undefined;
  return sub?.status === 'ACTIVE' && sub.customerOrgId === customerOrgId ? sub : undefined;
}
