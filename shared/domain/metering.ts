/**
 * Metering rules (docs/operations.md, "Metering"): what an instance counts while RUNNING, its intervals, the
 * periods the job meters, the usage of one period, and the totals the usage reads answer.
 */
import type { ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import type { MeterFigures, RunningInterval, UsageFigures, UsageGrain } from '#shared/data/entities/metering.ts';
import { BadRequest } from '#shared/errors.ts';

/** Per replica, until resources declare compute sizes: documented in docs/operations.md, "Metering". */
export const PER_REPLICA = { cpuCores: 1, memoryGiB: 2, storageGiB: 10 } as const;
/** How far back a backfill (and the meter items' intervals) reach. */
export const BACKFILL_MAX_DAYS = 35;
/** The most periods one run of the job catches up (a week of hours); the next run goes on from there. */
export const MAX_CATCH_UP_PERIODS = 168;
/** The longest range GetConsumptionUsagePerDay / GetUsagePerDay answer. */
export const MAX_USAGE_SPAN_DAYS = 31;
/** Most intervals a meter item keeps (older ones beyond the window are dropped first). */
export const MAX_INTERVALS = 500;

export const DIMENSIONS = [
  ['CPU core hours', 'cpuCoreHours'],
  ['Memory GiB hours', 'memoryGiBHours'],
  ['Storage GiB hours', 'storageGiBHours'],
  ['Replica hours', 'replicaHours'],
] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The metering period in minutes: `METERING_PERIOD_MINUTES` (a divisor of a day), else 60. */
export function meteringPeriodMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.METERING_PERIOD_MINUTES);
  return Number.isInteger(n) && n > 0 && 1440 % n === 0 ? n : 60;
}

/** The figures an instance counts at while RUNNING: every resource that is not gone, by its replica count. */
export function meterFigures(item: Pick<ResourceInstanceItem, 'resources'>): MeterFigures {
  let replicas = 0;
  for (const r of Object.values(item.resources ?? {})) if (r.status !== 'DELETED' && r.status !== 'FAILED') replicas += Math.max(0, r.replicas ?? 0);
  return { replicas, cpuCores: replicas * PER_REPLICA.cpuCores, memoryGiB: replicas * PER_REPLICA.memoryGiB, storageGiB: replicas * PER_REPLICA.storageGiB };
}

const sameFigures = (a: MeterFigures, b: MeterFigures) =>
  a.replicas === b.replicas && a.cpuCores === b.cpuCores && a.memoryGiB === b.memoryGiB && a.storageGiB === b.storageGiB;

/**
 * The intervals after a change seen at `at`: RUNNING opens one (or, when the figures changed, closes the open
 * one and opens another); anything else closes the open one. Undefined when nothing changes (a redelivery).
 */
export function nextIntervals(intervals: RunningInterval[], running: boolean, figures: MeterFigures, at: string, now: Date): RunningInterval[] | undefined {
  const open = intervals.at(-1)?.to === undefined ? intervals.at(-1) : undefined;
  if (running && open && sameFigures(open, figures)) return undefined;
  if (!running && !open) return undefined;
  if (open && at < open.from) return undefined; // older than what is recorded: a late redelivery
  const next = intervals.map((i) => ({ ...i }));
  if (open) next[next.length - 1]!.to = at;
  if (running) next.push({ ...figures, from: at });
  const horizon = new Date(now.getTime() - BACKFILL_MAX_DAYS * DAY_MS).toISOString();
  const kept = next.filter((i) => i.to === undefined || i.to >= horizon);
  return kept.slice(-MAX_INTERVALS);
}


const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The usage of [start, end) from the intervals (an open interval runs through the period). */
export function usageInPeriod(intervals: RunningInterval[], start: Date, end: Date): UsageFigures {
  const u = { runningHours: 0, cpuCoreHours: 0, memoryGiBHours: 0, storageGiBHours: 0, replicaHours: 0 };
  for (const i of intervals) {
    const from = Math.max(Date.parse(i.from), start.getTime());
    const to = Math.min(i.to ? Date.parse(i.to) : end.getTime(), end.getTime());
    if (to <= from) continue;
    const h = (to - from) / HOUR_MS;
    u.runningHours += h;
    u.cpuCoreHours += h * i.cpuCores;
    u.memoryGiBHours += h * i.memoryGiB;
    u.storageGiBHours += h * i.storageGiB;
    u.replicaHours += h * i.replicas;
  }
  return { runningHours: round(u.runningHours), cpuCoreHours: round(u.cpuCoreHours), memoryGiBHours: round(u.memoryGiBHours), storageGiBHours: round(u.storageGiBHours), replicaHours: round(u.replicaHours) };
}

/** The start of the period holding `at`. */
export function periodFloor(at: Date, minutes: number): Date {
  const ms = minutes * 60_000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/** A metering period: [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/**
 * The periods from `from` (the cursor) to `to`: when `from` is not on a boundary of `minutes` (the period was
 * changed since the cursor was written), the first runs from it to the next boundary, so nothing metered in
 * the old period is metered again.
 */
export function periodsFrom(from: Date, to: Date, minutes: number): Period[] {
  const ms = minutes * 60_000;
  const out: Period[] = [];
  for (let t = from.getTime(); t < to.getTime(); ) {
    const end = Math.min((Math.floor(t / ms) + 1) * ms, to.getTime());
    out.push({ start: new Date(t), end: new Date(end) });
    t = end;
  }
  return out;
}

/** The whole periods that start in [from, to) (the first one holding `from`): what a backfill recomputes. */
export function wholePeriods(from: Date, to: Date, minutes: number): Period[] {
  const ms = minutes * 60_000;
  const out: Period[] = [];
  for (let t = periodFloor(from, minutes).getTime(); t < to.getTime(); t += ms) out.push({ start: new Date(t), end: new Date(t + ms) });
  return out;
}

export interface UsagePerDimension {
  dimension: string;
  startTime: string;
  endTime: string;
  total: number;
}

export const NO_USAGE: UsageFigures = { runningHours: 0, cpuCoreHours: 0, memoryGiBHours: 0, storageGiBHours: 0, replicaHours: 0 };

/** The exact sum of records or sums (rounded to 1e-6, as each record is). */
export function sumFigures(parts: readonly UsageFigures[]): UsageFigures {
  const t = { ...NO_USAGE };
  for (const p of parts) {
    t.runningHours += p.runningHours;
    t.cpuCoreHours += p.cpuCoreHours;
    t.memoryGiBHours += p.memoryGiBHours;
    t.storageGiBHours += p.storageGiBHours;
    t.replicaHours += p.replicaHours;
  }
  return { runningHours: round(t.runningHours), cpuCoreHours: round(t.cpuCoreHours), memoryGiBHours: round(t.memoryGiBHours), storageGiBHours: round(t.storageGiBHours), replicaHours: round(t.replicaHours) };
}

/** One entry per dimension for [start, end). */
export function usageTotals(figures: UsageFigures, start: string, end: string): UsagePerDimension[] {
  return DIMENSIONS.map(([dimension, field]) => ({ dimension, startTime: start, endTime: end, total: figures[field] }));
}

export const dayStart = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
export const monthStart = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
export const nextMonth = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
export const nextDay = (at: Date): Date => new Date(dayStart(at).getTime() + DAY_MS);

/** The start of the day / month sum a period's sum rolls into. */
export function sumStart(grain: 'D' | 'M', periodStart: Date): Date {
  return grain === 'D' ? dayStart(periodStart) : monthStart(periodStart);
}

/** The UTC days of [start, end), each clipped to the window. */
export function daysOf(start: Date, end: Date): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (let d = dayStart(start); d < end; d = nextDay(d)) out.push({ start: d < start ? start : d, end: nextDay(d) > end ? end : nextDay(d) });
  return out;
}

/** One read of the sums: a grain and the starts it covers, [from, to). */
export interface SumRead {
  grain: UsageGrain;
  from: Date;
  to: Date;
}

/**
 * How to answer [from, to) from the sums with the fewest items: whole UTC months from month sums, whole days
 * from day sums, the rest from period sums. A month or day counts as whole when the window starts at its start
 * and either ends after it or ends at or after `meteredUntil` (nothing later has been metered: today's day sum
 * and this month's month sum are then exactly the periods so far). Adjacent reads of one grain are merged.
 * Without `months`, only days and periods (a per-day answer).
 */
export function sumReads(from: Date, to: Date, meteredUntil: Date | undefined, opts: { months?: boolean } = {}): SumRead[] {
  const whole = (end: Date) => end <= to || (meteredUntil !== undefined && meteredUntil <= to);
  const reads: SumRead[] = [];
  const push = (grain: UsageGrain, a: Date, b: Date) => {
    const last = reads.at(-1);
    if (last && last.grain === grain && last.to.getTime() === a.getTime()) last.to = b;
    else reads.push({ grain, from: a, to: b });
  };
  for (let t = from; t < to; ) {
    if (opts.months !== false && t.getTime() === monthStart(t).getTime() && whole(nextMonth(t))) {
      push('M', t, nextMonth(t));
      t = nextMonth(t);
    } else if (t.getTime() === dayStart(t).getTime() && whole(nextDay(t))) {
      push('D', t, nextDay(t));
      t = nextDay(t);
    } else {
      const end = nextDay(t) < to ? nextDay(t) : to;
      push('P', t, end);
      t = end;
    }
  }
  return reads;
}

function instant(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const t = Date.parse(raw.trim());
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}/.test(raw.trim())) throw new BadRequest(`query.${name} must be an RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z`);
  return new Date(t);
}

/** The window of a per-day read: endDate (default now), startDate (default MAX_USAGE_SPAN_DAYS before it). */
export function usageWindow(query: { startDate?: string; endDate?: string }, now: Date): { start: Date; end: Date } {
  const end = instant('endDate', query.endDate) ?? now;
  const start = instant('startDate', query.startDate) ?? new Date(end.getTime() - MAX_USAGE_SPAN_DAYS * DAY_MS);
  if (start.getTime() >= end.getTime()) throw new BadRequest('query.startDate must be before query.endDate');
  if (end.getTime() - start.getTime() > MAX_USAGE_SPAN_DAYS * DAY_MS) throw new BadRequest(`query.startDate and query.endDate may be at most ${MAX_USAGE_SPAN_DAYS} days apart`);
  return { start, end };
}

/** The current UTC month up to `now`. */
export function currentMonth(now: Date): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
}
