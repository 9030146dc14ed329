/**
 * Usage over a window, read from the sums the meter-usage job writes (docs/operations.md, "Metering"): whole
 * months and days from their sums, the rest from period sums, so a read costs the days it answers (at most
 * 31 day sums and two partial days of periods), whatever the number of instances behind them.
 */
import { getMeteringCursor, usageSumsOf, type UsageFigures, type UsageScope, type UsageSumItem } from '#shared/data/entities/metering.ts';
import { dayStart, daysOf, sumFigures, sumReads, type SumRead } from '#shared/domain/metering.ts';

async function readSums(scope: UsageScope, reads: SumRead[]): Promise<UsageSumItem[]> {
  const parts = await Promise.all(reads.map((r) => usageSumsOf(scope, r.grain, r.from.toISOString(), r.to.toISOString())));
  return parts.flat();
}

async function meteredUntil(): Promise<Date | undefined> {
  const cursor = await getMeteringCursor();
  return cursor ? new Date(cursor.meteredUntil) : undefined;
}

/** The scope's usage over [from, to): the exact sum of its usage records whose period starts in the window. */
export async function usageOf(scope: UsageScope, from: Date, to: Date): Promise<UsageFigures> {
  return sumFigures(await readSums(scope, sumReads(from, to, await meteredUntil())));
}

/** The scope's usage per UTC day of [from, to) (each day clipped to the window; days without usage are zero). */
export async function usageByDay(scope: UsageScope, from: Date, to: Date): Promise<{ start: Date; end: Date; usage: UsageFigures }[]> {
  const sums = await readSums(scope, sumReads(from, to, await meteredUntil(), { months: false }));
  const byDay = new Map<number, UsageSumItem[]>();
  for (const s of sums) {
    const day = dayStart(new Date(s.start)).getTime();
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  return daysOf(from, to).map((d) => ({ ...d, usage: sumFigures(byDay.get(dayStart(d.start).getTime()) ?? []) }));
}
