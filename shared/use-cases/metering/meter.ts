/**
 * The metering pipeline (docs/operations.md, "Metering"): the track-metered-instances stream job keeps each
 * instance's RUNNING intervals on its meter item; the meter-usage scheduled job turns every completed period
 * since its cursor into usage records (one per instance and period, keyed by both, so a rerun rewrites the
 * same records) and their sums per subscription, customer and provider (period, day, month), then commits the
 * cursor; `backfillUsage` recomputes a range.
 */
import type { StreamChange } from '#shared/registry/job.ts';
import type { ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { keys } from '#shared/data/keys.ts';
import { moveCursorForward } from '#shared/data/entities/job-cursor.ts';
import { advance, commit, putImmutable, RaceLost, removeDerived, stamp, withRetry, type Key } from '#shared/data/store.ts';
import {
  getMeteredInstance,
  getMeteringCursor,
  meteredInstances,
  meterShard,
  usageScopeKey,
  usageSumShard,
  usageSumsOf,
  type MeteredInstanceItem,
  type UsageFigures,
  type UsageGrain,
  type UsageRecordItem,
  type UsageScope,
  type UsageSumItem,
} from '#shared/data/entities/metering.ts';
import {
  BACKFILL_MAX_DAYS,
  MAX_CATCH_UP_PERIODS,
  meteringPeriodMinutes,
  meterFigures,
  nextDay,
  nextIntervals,
  nextMonth,
  periodFloor,
  periodsFrom,
  type Period,
  sumFigures,
  sumStart,
  usageInPeriod,
  wholePeriods,
} from '#shared/domain/metering.ts';
import { BadRequest } from '#shared/errors.ts';

export const METERED_ENTITY_FILTER: readonly string[] = ['resourceInstance'];

/** One committed change of an instance: opens or closes its RUNNING interval. */
export async function trackMeteredInstance(change: StreamChange, now = new Date()): Promise<{ changed: boolean }> {
  const image = (change.newImage ?? change.oldImage) as ResourceInstanceItem | undefined;
  if (!image || image.entity !== 'resourceInstance') return { changed: false };
  const removed = change.eventName === 'REMOVE';
  const running = !removed && image.status === 'RUNNING';
  const at = removed ? now.toISOString() : image.updatedAt;
  return withRetry(async () => {
    const current = await getMeteredInstance(image.instanceId);
    if (!current && !running) return { changed: false };
    const intervals = nextIntervals(current?.intervals ?? [], running, meterFigures(image), at, now);
    if (!intervals && !(removed && current && !current.removedAt)) return { changed: false };
    const fields: Omit<MeteredInstanceItem, 'version' | 'createdAt' | 'updatedAt'> = {
      ...keys.meteredInstance(image.instanceId),
      ...keys.meteredInstanceListing(meterShard(image.instanceId), image.instanceId),
      entity: 'meteredInstance',
      instanceId: image.instanceId,
      providerOrgId: image.providerOrgId,
      customerOrgId: image.customerOrgId,
      subscriptionId: image.subscriptionId,
      serviceId: image.serviceId,
      productTierId: image.productTierId,
      intervals: intervals ?? current?.intervals ?? [],
      ...(removed ? { removedAt: at } : {}),
    };
    if (current) await commit({ puts: [{ item: advance(current, { ...current, ...fields }), expectVersion: current.version }] });
    else await commit({ puts: [{ item: stamp(fields) }] });
    return { changed: true };
  });
}

function usageRecord(m: MeteredInstanceItem, start: Date, end: Date): UsageRecordItem | undefined {
  const u = usageInPeriod(m.intervals, start, end);
  if (u.runningHours <= 0) return undefined;
  const periodStart = start.toISOString();
  const t = new Date().toISOString();
  return {
    ...keys.usageRecord(m.subscriptionId, periodStart, m.instanceId),
    entity: 'usageRecord',
    instanceId: m.instanceId,
    subscriptionId: m.subscriptionId,
    providerOrgId: m.providerOrgId,
    customerOrgId: m.customerOrgId,
    serviceId: m.serviceId,
    productTierId: m.productTierId,
    periodStart,
    periodEnd: end.toISOString(),
    day: periodStart.slice(0, 10),
    ...u,
    version: 1,
    createdAt: t,
    updatedAt: t,
  };
}

/** Who an instance's usage belongs to. */
type Owner = Pick<MeteredInstanceItem, 'subscriptionId' | 'providerOrgId' | 'customerOrgId' | 'serviceId' | 'productTierId'>;

/** The three sums a usage record counts in. */
function scopesOf(o: Owner): UsageScope[] {
  return [
    { kind: 'subscription', subscriptionId: o.subscriptionId },
    { kind: 'customer', customerOrgId: o.customerOrgId, providerOrgId: o.providerOrgId },
    { kind: 'provider', providerOrgId: o.providerOrgId },
  ];
}

function sumItem(scope: UsageScope, owner: Owner, grain: UsageGrain, start: Date, end: Date, parts: readonly (UsageFigures & { records?: number })[]): UsageSumItem {
  const t = new Date().toISOString();
  const startIso = start.toISOString();
  return {
    ...keys.usageSum(usageScopeKey(scope), grain, startIso),
    ...(scope.kind === 'subscription' && grain !== 'P' ? keys.usageSumListing(grain, startIso, usageSumShard(scope.subscriptionId), scope.subscriptionId) : {}),
    entity: 'usageSum',
    scope,
    grain,
    start: startIso,
    end: end.toISOString(),
    ...sumFigures(parts),
    records: parts.reduce((n, p) => n + (p.records ?? 1), 0),
    providerOrgId: owner.providerOrgId,
    ...(scope.kind !== 'provider' ? { customerOrgId: owner.customerOrgId } : {}),
    ...(scope.kind === 'subscription' ? { serviceId: owner.serviceId, productTierId: owner.productTierId } : {}),
    version: 1,
    createdAt: t,
    updatedAt: t,
  };
}

/** The scopes whose day and month sums a run must recompute, with the days and months it touched. */
type Touched = Map<string, { scope: UsageScope; owner: Owner; days: Set<number>; months: Set<number> }>;

function touch(touched: Touched, scope: UsageScope, owner: Owner, periodStart: Date): void {
  const key = usageScopeKey(scope);
  const t = touched.get(key) ?? { scope, owner, days: new Set<number>(), months: new Set<number>() };
  t.days.add(sumStart('D', periodStart).getTime());
  t.months.add(sumStart('M', periodStart).getTime());
  touched.set(key, t);
}

/** Runs `work` over `items`, `parallel` at a time. */
async function eachLimited<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += parallel) await Promise.all(items.slice(i, i + parallel).map(work));
}

/**
 * Recomputes the day sums (from their period sums) and then the month sums (from their day sums) of what the
 * run touched: a pure function of the sums below them, so a rerun writes the same items and a crash midway
 * leaves sums the next run touching that day recomputes. A sum of nothing is removed, not written as zero.
 */
async function rollUp(touched: Touched): Promise<void> {
  const work = [...touched.values()];
  for (const grain of ['D', 'M'] as const) {
    const below: UsageGrain = grain === 'D' ? 'P' : 'D';
    const jobs = work.flatMap((t) => [...(grain === 'D' ? t.days : t.months)].map((start) => ({ ...t, start: new Date(start) })));
    await eachLimited(jobs, 16, async ({ scope, owner, start }) => {
      const end = grain === 'D' ? nextDay(start) : nextMonth(start);
      const parts = await usageSumsOf(scope, below, start.toISOString(), end.toISOString());
      if (parts.length) await putImmutable([sumItem(scope, owner, grain, start, end, parts)]);
      else await removeDerived([keys.usageSum(usageScopeKey(scope), grain, start.toISOString())]);
    });
  }
}

/**
 * Writes the usage records of the periods starting at `starts`, and their sums per subscription, customer and
 * provider (period sums here, day and month sums in `rollUp`). Batched puts rather than transactions: a
 * period of 1,000 instances is 1,000 records, and each is a pure function of the meter items keyed by
 * (subscription, period, instance), so writing it again (a run that crashed before its cursor, a backfill)
 * writes the same record over itself and never counts anything twice. `recompute` (a backfill) also removes
 * the records and period sums a period no longer has (an interval corrected after the period was metered).
 */
async function meterPeriods(periods: Period[], opts: { recompute?: boolean } = {}): Promise<number> {
  if (!periods.length) return 0;
  const metered = await meteredInstances();
  const touched: Touched = new Map();
  let written = 0;
  for (const { start, end } of periods) {
    const records = metered.map((m) => usageRecord(m, start, end)).filter((r): r is UsageRecordItem => r !== undefined);
    const byScope = new Map<string, { scope: UsageScope; owner: Owner; parts: UsageRecordItem[] }>();
    for (const r of records) {
      for (const scope of scopesOf(r)) {
        const key = usageScopeKey(scope);
        const entry = byScope.get(key) ?? { scope, owner: r, parts: [] };
        entry.parts.push(r);
        byScope.set(key, entry);
      }
    }
    const sums = [...byScope.values()].map((s) => sumItem(s.scope, s.owner, 'P', start, end, s.parts));
    await putImmutable([...records, ...sums]);
    for (const s of byScope.values()) touch(touched, s.scope, s.owner, start);
    if (opts.recompute) {
      const counted = new Set(records.map((r) => r.instanceId));
      const stale: Key[] = metered.filter((m) => !counted.has(m.instanceId)).map((m) => keys.usageRecord(m.subscriptionId, start.toISOString(), m.instanceId));
      for (const m of metered) {
        for (const scope of scopesOf(m)) {
          if (byScope.has(usageScopeKey(scope))) continue;
          stale.push(keys.usageSum(usageScopeKey(scope), 'P', start.toISOString()));
          touch(touched, scope, m, start);
        }
      }
      await removeDerived([...new Map(stale.map((k) => [`${k.pk}|${k.sk}`, k])).values()]);
    }
    written += records.length;
  }
  await rollUp(touched);
  return written;
}

/**
 * How long after a period ends the job waits before metering it: the stream job applies an instance's change a
 * moment after it commits, so a stop at 10:59:59 may reach the meter item after 11:00. Two minutes (at most half
 * a period); a change later than that is corrected by a backfill of the range.
 */
const settleMs = (minutes: number): number => Math.min(120_000, (minutes * 60_000) / 2);

/**
 * The scheduled run: every completed period since the cursor (at most MAX_CATCH_UP_PERIODS; a fresh stack
 * starts with the last day), then the cursor. A period already behind the cursor is never metered again.
 */
export async function meterUsage({ at }: { at: Date }): Promise<{ periods: number; recordsWritten: number; meteredUntil?: string }> {
  const minutes = meteringPeriodMinutes();
  const until = periodFloor(new Date(at.getTime() - settleMs(minutes)), minutes);
  const cursor = await getMeteringCursor();
  const earliest = new Date(until.getTime() - MAX_CATCH_UP_PERIODS * minutes * 60_000);
  const from = cursor ? new Date(Date.parse(cursor.meteredUntil)) : new Date(until.getTime() - 24 * 3_600_000);
  const periods = periodsFrom(from < earliest ? earliest : from, until, minutes).slice(0, MAX_CATCH_UP_PERIODS);
  if (!periods.length) return { periods: 0, recordsWritten: 0, ...(cursor ? { meteredUntil: cursor.meteredUntil } : {}) };
  const recordsWritten = await meterPeriods(periods);
  const meteredUntil = periods.at(-1)!.end.toISOString();
  await moveCursorForward(keys.meteringCursor(), 'meteringCursor', 'meteredUntil', meteredUntil, { periodMinutes: minutes });
  await forgetRemovedInstances(at);
  return { periods: periods.length, recordsWritten, meteredUntil };
}

/** Meter items of instances deleted before the backfill window leave the listing. */
async function forgetRemovedInstances(at: Date): Promise<void> {
  const horizon = new Date(at.getTime() - BACKFILL_MAX_DAYS * 86_400_000).toISOString();
  for (const m of await meteredInstances()) {
    if (!m.removedAt || m.removedAt >= horizon) continue;
    try {
      await commit({ deletes: [{ key: keys.meteredInstance(m.instanceId), version: m.version }] });
    } catch (e) {
      // Changed since it was read (a late redelivery): the next run looks again.
      if (!(e instanceof RaceLost)) throw e;
    }
  }
}

/** `npm run meter -- --from … --to …`: recomputes the periods of [from, to) (within the backfill window). */
export async function backfillUsage(input: { from: Date; to: Date; now?: Date }): Promise<{ periods: number; recordsWritten: number }> {
  const now = input.now ?? new Date();
  // The stack's period (on its cursor), so the records rewritten are the ones it wrote, whatever this process's config.
  const minutes = (await getMeteringCursor())?.periodMinutes ?? meteringPeriodMinutes();
  if (!(input.from < input.to)) throw new BadRequest('--from must be before --to');
  if (input.from.getTime() < now.getTime() - BACKFILL_MAX_DAYS * 86_400_000) throw new BadRequest(`--from may be at most ${BACKFILL_MAX_DAYS} days ago`);
  const to = input.to > periodFloor(now, minutes) ? periodFloor(now, minutes) : input.to;
  const periods = wholePeriods(input.from, to, minutes);
  return { periods: periods.length, recordsWritten: await meterPeriods(periods, { recompute: true }) };
}
