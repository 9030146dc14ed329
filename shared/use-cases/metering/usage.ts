/**
 * The usage reads (docs/operations.md, "Metering"): a customer's consumption over its subscriptions (or one),
 * a provider's over its services' subscriptions, and the provider org's own usage of this control plane. Every
 * total is the exact sum of the usage records in the window (periods the metering job has metered), read from
 * the job's sums (usage-sums.ts), never from the records themselves.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { getOrgPlan } from '#shared/data/entities/org-plan.ts';
import type { UsageScope } from '#shared/data/entities/metering.ts';
import { currentMonth, usageTotals, usageWindow, type UsagePerDimension } from '#shared/domain/metering.ts';
import { DEFAULT_PLAN } from '#shared/domain/plan.ts';
import { NotFound } from '#shared/errors.ts';
import { usageByDay, usageOf } from '#shared/use-cases/metering/usage-sums.ts';

/** Whose consumption the caller reads: one subscription it may reach, else all of its own. */
async function consumptionScope(caller: Caller, subscriptionID: string | undefined): Promise<UsageScope> {
  const id = subscriptionID?.trim();
  if (id) {
    const sub = await getSubscription(id);
    const mine = sub && (caller.customer ? sub.customerOrgId === caller.orgId && sub.providerOrgId === caller.customer.providerOrgId : sub.providerOrgId === caller.orgId);
    if (!mine) throw new NotFound('subscription not found');
    return { kind: 'subscription', subscriptionId: id };
  }
  if (caller.customer) return { kind: 'customer', customerOrgId: caller.orgId, providerOrgId: caller.customer.providerOrgId };
  return { kind: 'provider', providerOrgId: caller.orgId };
}

async function monthSoFar(scope: UsageScope, now: Date) {
  const { start, end } = currentMonth(now);
  return { startTime: start.toISOString(), endTime: end.toISOString(), usage: usageTotals(await usageOf(scope, start, end), start.toISOString(), end.toISOString()) };
}

async function perDay(scope: UsageScope, { start, end }: { start: Date; end: Date }) {
  const usage: UsagePerDimension[] = [];
  for (const day of await usageByDay(scope, start, end)) usage.push(...usageTotals(day.usage, day.start.toISOString(), day.end.toISOString()));
  return { startTime: start.toISOString(), endTime: end.toISOString(), usage };
}

export async function getCurrentConsumptionUsage(caller: Caller, query: { subscriptionID?: string }, now = new Date()) {
  return monthSoFar(await consumptionScope(caller, query.subscriptionID), now);
}

export async function getConsumptionUsagePerDay(caller: Caller, query: { startDate?: string; endDate?: string; subscriptionID?: string }, now = new Date()) {
  const window = usageWindow(query, now);
  return perDay(await consumptionScope(caller, query.subscriptionID), window);
}

async function planName(orgId: string): Promise<string> {
  return (await getOrgPlan(orgId))?.planName ?? DEFAULT_PLAN;
}

/** The provider org's own usage: every instance of its services, across all its customers. */
export async function getCurrentUsage(caller: Caller, now = new Date()) {
  return { planName: await planName(caller.orgId), ...(await monthSoFar({ kind: 'provider', providerOrgId: caller.orgId }, now)) };
}

export async function getUsagePerDay(caller: Caller, query: { startDate?: string; endDate?: string }, now = new Date()) {
  const window = usageWindow(query, now);
  return { planName: await planName(caller.orgId), ...(await perDay({ kind: 'provider', providerOrgId: caller.orgId }, window)) };
}
