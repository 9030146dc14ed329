/**
 * Metering: the stream job keeps an instance's RUNNING intervals, the scheduled job turns completed hours into
 * usage records (RUNNING counts, STOPPED does not, replicas multiply), a rerun writes nothing, a stopped stack
 * catches up; the usage reads sum the records exactly, per tenant (another customer or provider sees none of
 * it: 404 for a subscription it cannot reach), reject bad windows (400), and match the reference schemas.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { operation as currentConsumption } from '#functions/consumption-usage/get-current-consumption-usage.ts';
import { operation as consumptionPerDay } from '#functions/consumption-usage/get-consumption-usage-per-day.ts';
import { operation as currentUsage } from '#functions/usage/get-current-usage.ts';
import { operation as usagePerDayOp } from '#functions/usage/get-usage-per-day.ts';
import { getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { getMeteredInstance, usageOfSubscription } from '#shared/data/entities/metering.ts';
import { backfillUsage, meterUsage, trackMeteredInstance } from '#shared/use-cases/metering/meter.ts';
import { meterFigures } from '#shared/domain/metering.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { created, instancePlan, settled, subscriber, type InstancePlan } from '../resource-instance/fixtures.ts';

// Every test file shares one table: this file's metering cursor is its own, so other files' runs cannot move it.
vi.mock(import('#shared/data/keys.ts'), async (orig) => {
  const m = await orig();
  return { ...m, keys: { ...m.keys, meteringCursor: () => ({ pk: 'METER#CURSOR#metering-test', sk: '#CURSOR' }) } };
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
let ip: InstancePlan;
let customer: TestSession & { subscriptionId: string };
let stranger: TestSession;
let otherProvider: TestSession;
let item: ResourceInstanceItem;
let replicas: number;
/** An hour boundary 30 hours ago: the test's timeline starts there. */
const base = Math.floor(Date.now() / HOUR) * HOUR - 30 * HOUR;

const change = (status: string, at: number) => ({
  eventName: 'MODIFY' as const,
  keys: { pk: item.pk, sk: item.sk },
  newImage: { ...item, status, updatedAt: iso(at) } as unknown as Record<string, unknown>,
  sequenceNumber: String(at),
});

beforeAll(async () => {
  ip = await instancePlan();
  customer = await subscriber(ip);
  stranger = await testCustomerSession(ip.provider, 'DEV');
  otherProvider = await testSession('root', 'Other Provider');
  const id = await created(customer.token, ip.path);
  expect((await settled(id))!.status).toBe('RUNNING');
  item = (await getResourceInstance(id))!;
  replicas = meterFigures(item).replicas;
  expect(replicas).toBeGreaterThan(0);
  // RUNNING from base+0:30, STOPPED at base+2:00, RUNNING again from base+4:00 on.
  for (const [status, at] of [['RUNNING', base + HOUR / 2], ['STOPPING', base + 2 * HOUR], ['STOPPED', base + 2 * HOUR + 1000], ['DEPLOYING', base + 4 * HOUR - 60_000], ['RUNNING', base + 4 * HOUR]] as const) {
    await trackMeteredInstance(change(status, at));
  }
});

describe('metering job', () => {
  it('keeps the RUNNING intervals, and a redelivered change changes nothing', async () => {
    const m = (await getMeteredInstance(item.instanceId))!;
    expect(m.intervals.map((i) => [i.from, i.to])).toEqual([[iso(base + HOUR / 2), iso(base + 2 * HOUR)], [iso(base + 4 * HOUR), undefined]]);
    expect(await trackMeteredInstance(change('RUNNING', base + 4 * HOUR))).toEqual({ changed: false });
  });

  it('counts RUNNING hours by replicas, not STOPPED ones; a rerun writes nothing; a later run catches up', async () => {
    const first = await meterUsage({ at: new Date(base + 6 * HOUR + 5 * 60_000) });
    expect(first.periods).toBe(24);
    const records = await usageOfSubscription(customer.subscriptionId, iso(base), iso(base + 6 * HOUR));
    const byHour = Object.fromEntries(records.map((r) => [r.periodStart, r]));
    expect(byHour[iso(base)]!.replicaHours).toBe(0.5 * replicas);
    expect(byHour[iso(base)]!.cpuCoreHours).toBe(0.5 * replicas);
    expect(byHour[iso(base)]!.memoryGiBHours).toBe(0.5 * replicas * 2);
    expect(byHour[iso(base + HOUR)]!.storageGiBHours).toBe(replicas * 10);
    expect(byHour[iso(base + 2 * HOUR)]).toBeUndefined();
    expect(byHour[iso(base + 3 * HOUR)]).toBeUndefined();
    expect(byHour[iso(base + 4 * HOUR)]!.replicaHours).toBe(replicas);
    expect(records).toHaveLength(4);

    expect(await meterUsage({ at: new Date(base + 6 * HOUR + 30 * 60_000) })).toMatchObject({ periods: 0, recordsWritten: 0 });

    const later = await meterUsage({ at: new Date(base + 9 * HOUR + 5 * 60_000) });
    expect(later.periods).toBe(3);
    expect(await usageOfSubscription(customer.subscriptionId, iso(base + 6 * HOUR), iso(base + 9 * HOUR))).toHaveLength(3);
  });

  it('backfill recomputes a range to the same records, and refuses a reversed one', async () => {
    const before = await usageOfSubscription(customer.subscriptionId, iso(base), iso(base + 9 * HOUR));
    const out = await backfillUsage({ from: new Date(base), to: new Date(base + 9 * HOUR) });
    expect(out.periods).toBe(9);
    const after = await usageOfSubscription(customer.subscriptionId, iso(base), iso(base + 9 * HOUR));
    const figures = (rs: typeof before) => rs.map((r) => [r.sk, r.replicaHours, r.cpuCoreHours]);
    expect(figures(after)).toEqual(figures(before));
    await expect(backfillUsage({ from: new Date(base + HOUR), to: new Date(base) })).rejects.toThrow('--from must be before --to');
  });
});

const window = { startDate: iso(base), endDate: iso(base + 9 * HOUR) };
const totalOf = (body: { usage: { dimension: string; total: number }[] }, dimension: string) =>
  (body.usage as { dimension: string; total: number }[]).filter((u) => u.dimension === dimension).reduce((s, u) => s + u.total, 0);

describe('GetConsumptionUsagePerDay', () => {
  it('answers per day the exact sums of the records, for the customer, one subscription, and the provider', async () => {
    const records = await usageOfSubscription(customer.subscriptionId, window.startDate, window.endDate);
    const expected = records.reduce((s, r) => s + r.replicaHours, 0);
    expect(expected).toBe(1.5 * replicas + 5 * replicas);
    for (const [token, query] of [[customer.token, window], [customer.token, { ...window, subscriptionID: customer.subscriptionId }], [ip.provider.token, window], [ip.provider.token, { ...window, subscriptionID: customer.subscriptionId }]] as const) {
      const res = await invoke(consumptionPerDay, { token, query });
      expect(res.status).toBe(200);
      expect(contractProblems('GetConsumptionUsagePerDay', 200, res.json)).toEqual([]);
      expect(totalOf(res.json, 'Replica hours')).toBeCloseTo(expected, 6);
      expect(totalOf(res.json, 'Memory GiB hours')).toBeCloseTo(expected * 2, 6);
    }
  });

  it('shows another customer or provider none of it (404 for the subscription)', async () => {
    expect(totalOf((await invoke(consumptionPerDay, { token: stranger.token, query: window })).json, 'Replica hours')).toBe(0);
    expect(totalOf((await invoke(consumptionPerDay, { token: otherProvider.token, query: window })).json, 'Replica hours')).toBe(0);
    for (const token of [stranger.token, otherProvider.token]) {
      const res = await invoke(consumptionPerDay, { token, query: { ...window, subscriptionID: customer.subscriptionId } });
      expect(res.status).toBe(404);
    }
  });

  it('rejects a bad date, a reversed window and one longer than 31 days', async () => {
    for (const query of [{ startDate: 'yesterday' }, { startDate: window.endDate, endDate: window.startDate }, { startDate: iso(base - 40 * 24 * HOUR), endDate: iso(base) }] as Record<string, string>[]) {
      const res = await invoke(consumptionPerDay, { token: customer.token, query });
      expect(res.status).toBe(400);
    }
  });
});

describe('GetCurrentConsumptionUsage', () => {
  it('sums the current month, per tenant', async () => {
    const now = new Date();
    const monthStart = iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const expected = (await usageOfSubscription(customer.subscriptionId, monthStart, now.toISOString())).reduce((s, r) => s + r.cpuCoreHours, 0);
    const res = await invoke(currentConsumption, { token: customer.token });
    expect(res.status).toBe(200);
    expect(contractProblems('GetCurrentConsumptionUsage', 200, res.json)).toEqual([]);
    expect(res.json.startTime).toBe(monthStart);
    expect(totalOf(res.json, 'CPU core hours')).toBeCloseTo(expected, 6);
    expect(totalOf((await invoke(currentConsumption, { token: stranger.token })).json, 'CPU core hours')).toBe(0);
    expect((await invoke(currentConsumption, { token: stranger.token, query: { subscriptionID: customer.subscriptionId } })).status).toBe(404);
  });

  it('rejects an over-long subscriptionID', async () => {
    expect((await invoke(currentConsumption, { token: customer.token, query: { subscriptionID: 'x'.repeat(200) } })).status).toBe(400);
  });
});

describe('GetUsagePerDay', () => {
  it("answers the provider org's own usage with its planName; another provider sees none; customers are refused", async () => {
    const res = await invoke(usagePerDayOp, { token: ip.provider.token, query: window });
    expect(res.status).toBe(200);
    expect(contractProblems('GetUsagePerDay', 200, res.json)).toEqual([]);
    expect(res.json.planName).toBe('STARTER');
    expect(totalOf(res.json, 'Replica hours')).toBeCloseTo(6.5 * replicas, 6);
    expect(totalOf((await invoke(usagePerDayOp, { token: otherProvider.token, query: window })).json, 'Replica hours')).toBe(0);
    expect((await invoke(usagePerDayOp, { token: customer.token, query: window })).status).toBe(403);
  });

  it('rejects a bad window', async () => {
    expect((await invoke(usagePerDayOp, { token: ip.provider.token, query: { endDate: 'soon' } })).status).toBe(400);
  });
});

describe('GetCurrentUsage', () => {
  it("answers the current month of the provider org's usage; another provider sees none; customers are refused", async () => {
    const res = await invoke(currentUsage, { token: ip.provider.token });
    expect(res.status).toBe(200);
    expect(contractProblems('GetCurrentUsage', 200, res.json)).toEqual([]);
    expect(res.json.planName).toBe('STARTER');
    expect(totalOf((await invoke(currentUsage, { token: otherProvider.token })).json, 'Replica hours')).toBe(0);
    expect((await invoke(currentUsage, { token: customer.token })).status).toBe(403);
  });
});
