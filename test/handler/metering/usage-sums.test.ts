/**
 * The usage sums the meter-usage job writes: per subscription, customer and provider, per period, day and
 * month, each the exact sum of the records beneath it; a backfill after a late-corrected interval removes the
 * records and sums a period no longer has; the reads answer the same figures from the sums.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as consumptionPerDay } from '#functions/consumption-usage/get-consumption-usage-per-day.ts';
import { getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { getUsageSum, usageOfSubscription, usageSumsOf, type UsageRecordItem, type UsageScope } from '#shared/data/entities/metering.ts';
import { backfillUsage, trackMeteredInstance } from '#shared/use-cases/metering/meter.ts';
import { dayStart, meterFigures, monthStart } from '#shared/domain/metering.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import type { TestSession } from '../../support/session.ts';
import { created, instancePlan, settled, subscriber, type InstancePlan } from '../resource-instance/fixtures.ts';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Three hours before today's UTC midnight: the window crosses a day (and on the 1st, a month). */
const base = dayStart(new Date()).getTime() - 3 * HOUR;
const window = { from: new Date(base), to: new Date(base + 6 * HOUR) };
let ip: InstancePlan;
let customer: TestSession & { subscriptionId: string };
let item: ResourceInstanceItem;
let replicas: number;
let scopes: UsageScope[];

const change = (status: string, at: number) => ({
  eventName: 'MODIFY' as const,
  keys: { pk: item.pk, sk: item.sk },
  newImage: { ...item, status, updatedAt: iso(at) } as unknown as Record<string, unknown>,
  sequenceNumber: String(at),
});

const total = (rs: { replicaHours: number }[]) => Math.round(rs.reduce((s, r) => s + r.replicaHours, 0) * 1e6) / 1e6;
const groupBy = (rs: UsageRecordItem[], f: (r: UsageRecordItem) => number) => {
  const m = new Map<number, UsageRecordItem[]>();
  for (const r of rs) m.set(f(r), [...(m.get(f(r)) ?? []), r]);
  return m;
};

/** Every day and month sum of every scope equals the records beneath it (this subscription is its customer's and provider's only one). */
async function expectSumsMatch(records: UsageRecordItem[]) {
  for (const scope of scopes) {
    for (const [day, rs] of groupBy(records, (r) => dayStart(new Date(r.periodStart)).getTime())) {
      const d = await getUsageSum(scope, 'D', iso(day));
      expect(d?.replicaHours).toBe(total(rs));
      expect(d?.records).toBe(rs.length);
      const periods = await usageSumsOf(scope, 'P', iso(day), iso(day + 24 * HOUR));
      expect(total(periods)).toBe(total(rs));
    }
    for (const [month, rs] of groupBy(records, (r) => monthStart(new Date(r.periodStart)).getTime())) {
      expect((await getUsageSum(scope, 'M', iso(month)))?.replicaHours).toBe(total(rs));
    }
  }
}

beforeAll(async () => {
  ip = await instancePlan();
  customer = await subscriber(ip);
  const id = await created(customer.token, ip.path);
  expect((await settled(id))!.status).toBe('RUNNING');
  item = (await getResourceInstance(id))!;
  replicas = meterFigures(item).replicas;
  scopes = [
    { kind: 'subscription', subscriptionId: customer.subscriptionId },
    { kind: 'customer', customerOrgId: item.customerOrgId, providerOrgId: item.providerOrgId },
    { kind: 'provider', providerOrgId: item.providerOrgId },
  ];
  await trackMeteredInstance(change('RUNNING', base));
});

describe('usage sums', () => {
  it('sum the records per subscription, customer and provider, per period, day and month', async () => {
    await backfillUsage(window);
    const records = await usageOfSubscription(customer.subscriptionId, iso(base), iso(base + 6 * HOUR));
    expect(records).toHaveLength(6);
    expect(total(records)).toBe(6 * replicas);
    await expectSumsMatch(records);
  });

  it('after a late-delivered stop, a backfill removes the records and sums the periods no longer have', async () => {
    await trackMeteredInstance(change('STOPPED', base + 1.5 * HOUR));
    await backfillUsage(window);
    const records = await usageOfSubscription(customer.subscriptionId, iso(base), iso(base + 6 * HOUR));
    expect(records.map((r) => [r.periodStart, r.replicaHours])).toEqual([[iso(base), replicas], [iso(base + HOUR), 0.5 * replicas]]);
    await expectSumsMatch(records);
    // Today had usage before the correction and has none now: its day sums are gone, not zero.
    for (const scope of scopes) expect(await getUsageSum(scope, 'D', iso(base + 3 * HOUR))).toBeUndefined();
    expect(await usageSumsOf(scopes[0]!, 'P', iso(base + 2 * HOUR), iso(base + 6 * HOUR))).toEqual([]);
  });

  it('answer the per-day read with the records’ exact figures', async () => {
    const res = await invoke(consumptionPerDay, { token: customer.token, query: { startDate: iso(base), endDate: iso(base + 6 * HOUR), subscriptionID: customer.subscriptionId } });
    expect(res.status).toBe(200);
    expect(contractProblems('GetConsumptionUsagePerDay', 200, res.json)).toEqual([]);
    const replicaHours = (res.json.usage as { dimension: string; startTime: string; total: number }[]).filter((u) => u.dimension === 'Replica hours');
    expect(replicaHours.map((u) => [u.startTime, u.total])).toEqual([[iso(base), 1.5 * replicas], [iso(base + 3 * HOUR), 0]]);
  });
});
