/**
 * Billing status and details (docs/operations.md, "Billing"). Billing is enabled for a scope when at least one
 * live (ACTIVE or SUSPENDED) subscription in it is on a plan that charges (`planCharges`: a price or a billing
 * product, i.e. what the month close would invoice). The scope follows the usage reads (metering/usage.ts): a
 * customer token's own org's subscriptions to the provider it names; a provider token's services' subscriptions.
 * No payment provider is wired, so payment is never configured and there is no payment portal to link to.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { getSubscription, liveSubscriptionIdsOfOrg, subscriptionsOfPlanPage, type SubscriptionItem } from '#shared/data/entities/subscription.ts';
import { getProductTier, tiersOfService, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { servicesPage } from '#shared/data/entities/service.ts';
import { planCharges } from '#shared/domain/instance-plan.ts';
import { isLive } from '#shared/domain/subscription.ts';
import { NotFound } from '#shared/errors.ts';
import type { DescribeConsumptionBillingDetailsResult, DescribeConsumptionBillingStatusResult } from '#shared/schemas/consumption-billing.ts';

/** Subscriptions (and their plans) read at once while looking for one that charges. */
const READ_BATCH = 10;
/** Page size of the provider-side listings (services, a plan's subscriptions). */
const PAGE = 25;

/** The plan of a subscription, or undefined when it is gone (deleted since). */
async function planOf(sub: Pick<SubscriptionItem, 'providerOrgId' | 'serviceId' | 'productTierId'>): Promise<ProductTierItem | undefined> {
  try {
    return await getProductTier(sub.providerOrgId, sub.serviceId, sub.productTierId);
  } catch (e) {
    if (e instanceof NotFound) return undefined;
    throw e;
  }
}

/**
 * A customer org's live subscriptions to one provider (from the org's live-subscription guards, one per plan),
 * a batch at a time; each plan is read once, and the search stops at the first batch with a charging plan.
 */
async function customerIsCharged(customerOrgId: string, providerOrgId: string): Promise<boolean> {
  const ids = await liveSubscriptionIdsOfOrg(customerOrgId);
  const plansRead = new Set<string>();
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const subs = (await Promise.all(ids.slice(i, i + READ_BATCH).map(getSubscription))).filter(
      (s): s is SubscriptionItem => !!s && s.customerOrgId === customerOrgId && s.providerOrgId === providerOrgId && isLive(s.status),
    );
    const fresh = new Map<string, SubscriptionItem>();
    for (const s of subs) if (!plansRead.has(s.productTierId) && !fresh.has(s.productTierId)) fresh.set(s.productTierId, s);
    for (const tierId of fresh.keys()) plansRead.add(tierId);
    const plans = await Promise.all([...fresh.values()].map(planOf));
    if (plans.some((p) => p && planCharges(p))) return true;
  }
  return false;
}

/** Whether a plan has at least one live subscription (its listing, a page at a time, stopping at the first). */
async function hasLiveSubscription(plan: Pick<ProductTierItem, 'serviceId' | 'environmentId' | 'productTierId'>): Promise<boolean> {
  let pageToken: string | undefined;
  do {
    const page = await subscriptionsOfPlanPage(plan.serviceId, plan.environmentId, plan.productTierId, PAGE, pageToken);
    if (page.items.some((s) => s.entity === 'subscription' && isLive(s.status))) return true;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return false;
}

/**
 * A provider's services (a page at a time), each service's plans (one Query), and for the plans that charge
 * only, whether one has a live subscription; stops at the first that does.
 */
async function providerCharges(providerOrgId: string): Promise<boolean> {
  let pageToken: string | undefined;
  do {
    const page = await servicesPage(providerOrgId, PAGE, pageToken);
    for (const service of page.items) {
      if (service.entity !== 'service' || service.orgId !== providerOrgId) continue;
      const charging = (await tiersOfService(service.serviceId)).filter((t) => t.entity === 'productTier' && planCharges(t));
      for (const plan of charging) if (await hasLiveSubscription(plan)) return true;
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return false;
}

export async function describeConsumptionBillingStatus(caller: Caller): Promise<z.input<typeof DescribeConsumptionBillingStatusResult>> {
  const enabled = caller.customer ? await customerIsCharged(caller.orgId, caller.customer.providerOrgId) : await providerCharges(caller.orgId);
  return { enabled };
}

/**
 * No payment provider is wired into this deployment: no one has configured payment information, and there is
 * no portal to send the user to (`returnUrl` is validated by the schema and otherwise unused). A subscription's
 * `externalPayerId` (set by the provider through the Fleet API) is not payment information the customer gave:
 * it waives the create-time payment check (resource-instance/create.ts) but is not reported as configured.
 */
export async function describeConsumptionBillingDetails(_caller: Caller, _query: { returnUrl?: string }): Promise<z.input<typeof DescribeConsumptionBillingDetailsResult>> {
  return { paymentConfigured: false };
}
