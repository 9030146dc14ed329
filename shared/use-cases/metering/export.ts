/**
 * The export-usage job (docs/operations.md, "Billing"): every UTC day the meter-usage job has fully metered and
 * this job has not exported yet (at most MAX_EXPORT_DAYS_PER_RUN a run) gets, for each plan with
 * `exportUsageMetering`, one JSON Lines file of that day's usage records in the blob store. A day's plans are
 * found from the subscriptions' day sums (their listing), each plan is read once, and a file is a pure function
 * of the records: a rerun writes the same bytes. The cursor moves after each day's files are written.
 */
import { blobs } from '#shared/blobs/index.ts';
import { getMeteringCursor, subscriptionSumsListed, usageOfSubscription, type UsageRecordItem } from '#shared/data/entities/metering.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { getUsageExportCursor, usageExportBlobKey, usageExportCursorKey } from '#shared/data/entities/usage-export.ts';
import { moveCursorForward } from '#shared/data/entities/job-cursor.ts';
import { dayStart, nextDay } from '#shared/domain/metering.ts';
import { daysToExport, usageExportFile } from '#shared/domain/usage-export.ts';
import { NotFound } from '#shared/errors.ts';

/** Subscriptions whose records are read at once. */
const READ_PARALLEL = 8;

interface PlanOfDay {
  providerOrgId: string;
  serviceId: string;
  productTierId: string;
  subscriptionIds: string[];
}

async function planItem(p: PlanOfDay): Promise<ProductTierItem | undefined> {
  try {
    return await getProductTier(p.providerOrgId, p.serviceId, p.productTierId);
  } catch (e) {
    if (e instanceof NotFound) return undefined; // deleted since: nothing to export it for
    throw e;
  }
}

/** The plans that had usage on the day, each with its subscriptions that did (from the day sums' listing). */
async function plansOfDay(day: Date): Promise<PlanOfDay[]> {
  const plans = new Map<string, PlanOfDay>();
  for await (const page of subscriptionSumsListed('D', day.toISOString())) {
    for (const s of page) {
      if (s.scope.kind !== 'subscription' || !s.serviceId || !s.productTierId) continue;
      const key = `${s.providerOrgId}|${s.serviceId}|${s.productTierId}`;
      const plan = plans.get(key) ?? { providerOrgId: s.providerOrgId, serviceId: s.serviceId, productTierId: s.productTierId, subscriptionIds: [] };
      plan.subscriptionIds.push(s.scope.subscriptionId);
      plans.set(key, plan);
    }
  }
  return [...plans.values()];
}

async function recordsOf(subscriptionIds: readonly string[], from: string, to: string): Promise<UsageRecordItem[]> {
  const out: UsageRecordItem[] = [];
  for (let i = 0; i < subscriptionIds.length; i += READ_PARALLEL) {
    const parts = await Promise.all(subscriptionIds.slice(i, i + READ_PARALLEL).map((id) => usageOfSubscription(id, from, to)));
    out.push(...parts.flat());
  }
  return out;
}

/** One day's files: one per plan with `exportUsageMetering` that had usage that day. */
export async function exportUsageOfDay(day: Date): Promise<{ plans: number; files: number; records: number }> {
  const from = day.toISOString();
  const to = nextDay(day).toISOString();
  const plans = await plansOfDay(day);
  let files = 0;
  let records = 0;
  for (const plan of plans) {
    const tier = await planItem(plan);
    if (!tier?.exportUsageMetering) continue;
    const rows = (await recordsOf(plan.subscriptionIds, from, to)).filter((r) => r.productTierId === plan.productTierId);
    await blobs().put(usageExportBlobKey(plan.providerOrgId, plan.serviceId, plan.productTierId, from.slice(0, 10)), usageExportFile(day, plan, rows), 'application/x-ndjson');
    files += 1;
    records += rows.length;
  }
  return { plans: plans.length, files, records };
}

/**
 * The scheduled run: the days fully metered by the meter-usage job's cursor and not exported yet (daysToExport;
 * no meter cursor yet: nothing is metered, nothing to export), each exported, then the cursor past it.
 */
export async function exportUsage(_ctx: { at: Date }): Promise<{ days: number; files: number; records: number; exportedUntil?: string }> {
  const [metering, cursor] = await Promise.all([getMeteringCursor(), getUsageExportCursor()]);
  const days = daysToExport(metering ? new Date(metering.meteredUntil) : undefined, cursor ? new Date(cursor.exportedUntil) : undefined);
  let files = 0;
  let records = 0;
  for (const day of days) {
    const done = await exportUsageOfDay(day);
    files += done.files;
    records += done.records;
    await moveCursorForward(usageExportCursorKey(), 'usageExportCursor', 'exportedUntil', nextDay(day).toISOString());
  }
  const exportedUntil = days.length ? nextDay(days.at(-1)!).toISOString() : cursor?.exportedUntil;
  return { days: days.length, files, records, ...(exportedUntil ? { exportedUntil } : {}) };
}

/**
 * After a backfill (`npm run meter`): the days of [from, to) the job has exported already are written again
 * from the recomputed records, so the files keep matching the usage. (A plan left with no usage at all on such
 * a day keeps its old file: the day sums no longer name it.)
 */
export async function reexportUsage(range: { from: Date; to: Date }): Promise<{ days: number; files: number; records: number }> {
  const cursor = await getUsageExportCursor();
  const exportedUntil = cursor ? new Date(cursor.exportedUntil) : undefined;
  let days = 0;
  let files = 0;
  let records = 0;
  for (let day = dayStart(range.from); exportedUntil && day < range.to && nextDay(day) <= exportedUntil; day = nextDay(day)) {
    const done = await exportUsageOfDay(day);
    days += 1;
    files += done.files;
    records += done.records;
  }
  return { days, files, records };
}
