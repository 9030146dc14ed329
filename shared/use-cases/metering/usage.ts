/**
 * The usage reads (docs/operations.md, "Metering"): a customer's consumption over its subscriptions (or one),
 * a provider's over its services' subscriptions, and the provider org's own usage of this control plane. Every
 * total is the exact sum of the usage records in the window (periods the metering job has metered).
 */
import type { Caller } from '#shared/auth/caller.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { getOrgPlan } from '#shared/data/entities/org-plan.ts';
import { usageOfCustomer, usageOfProvider, usageOfSubscription, type UsageRecordItem } from '#shared/data/entities/metering.ts';
import { currentMonth, usagePerDay, usageTotals, usageWindow } from '#shared/domain/metering.ts';
import { DEFAULT_PLAN } from '#shared/domain/plan.ts';
import { NotFound } from '#shared/errors.ts';

async function consumptionRecords(caller: Caller, subscriptionID: string | undefined, start: Date, end: Date): Promise<UsageRecordItem[]> {
  const from = start.toISOString();
  const to = end.toISOString();
  const id = subscriptionID?.trim();
  if (id) {
    const sub = await getSubscription(id);
    const mine = sub && (caller.customer ? sub.customerOrgId === caller.orgId && sub.providerOrgId === caller.customer.providerOrgId : sub.providerOrgId === caller.orgId);
    if (!mine) throw new NotFound('subscription not found');
    return usageOfSubscription(id, from, to);
  }
  if (caller.customer) {
    const providerOrgId = caller.customer.providerOrgId;
    return (await usageOfCustomer(caller.orgId, from, to)).filter((r) => r.entity === 'usageRecord' && r.providerOrgId === providerOrgId);
  }
  return (await usageOfProvider(caller.orgId, from, to)).filter((r) => r.entity === 'usageRecord');
}

export async function getCurrentConsumptionUsage(caller: Caller, query: { subscriptionID?: string }, now = new Date()) {
  const { start, end } = currentMonth(now);
  const records = await consumptionRecords(caller, query.subscriptionID, start, end);
  return { startTime: start.toISOString(), endTime: end.toISOString(), usage: usageTotals(records, start.toISOString(), end.toISOString()) };
}

export async function getConsumptionUsagePerDay(caller: Caller, query: { startDate?: string; endDate?: string; subscriptionID?: string }, now = new Date()) {
  const { start, end } = usageWindow(query, now);
  const records = await consumptionRecords(caller, query.subscriptionID, start, end);
  return { startTime: start.toISOString(), endTime: end.toISOString(), usage: usagePerDay(records, start, end) };
}

async function planName(orgId: string): Promise<string> {
  return (await getOrgPlan(orgId))?.planName ?? DEFAULT_PLAN;
}

/** The provider org's own usage: every instance of its services, across all its customers. */
export async function getCurrentUsage(caller: Caller, now = new Date()) {
  const { start, end } = currentMonth(now);
  const records = (await usageOfProvider(caller.orgId, start.toISOString(), end.toISOString())).filter((r) => r.entity === 'usageRecord');
  return { planName: await planName(caller.orgId), startTime: start.toISOString(), endTime: end.toISOString(), usage: usageTotals(records, start.toISOString(), end.toISOString()) };
}

export async function getUsagePerDay(caller: Caller, query: { startDate?: string; endDate?: string }, now = new Date()) {
  const { start, end } = usageWindow(query, now);
  const records = (await usageOfProvider(caller.orgId, start.toISOString(), end.toISOString())).filter((r) => r.entity === 'usageRecord');
  return { planName: await planName(caller.orgId), startTime: start.toISOString(), endTime: end.toISOString(), usage: usagePerDay(records, start, end) };
}
