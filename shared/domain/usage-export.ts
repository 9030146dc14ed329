/**
 * The usage export's rules, pure (docs/operations.md, "Billing"): which UTC days a run exports, and the bytes of
 * one day file of one plan (JSON Lines: a header line, then one line per usage record, in a fixed order, so
 * writing the same records again writes the same bytes).
 */
import type { UsageRecordItem } from '#shared/data/entities/metering.ts';
import { DIMENSIONS, dayStart, nextDay } from '#shared/domain/metering.ts';

/** Days one run exports at most; the next run continues (a stack down for a week catches up in three runs). */
export const MAX_EXPORT_DAYS_PER_RUN = 3;
/** The file format's name and version (the header's `format`). */
export const USAGE_EXPORT_FORMAT = 'usage-export/v1';

/**
 * The UTC day starts a run exports: from the cursor (a fresh stack: the day before the one metering is in, its
 * last fully metered day) while the whole day is metered (its end ≤ `meteredUntil`), at most `max`.
 */
export function daysToExport(meteredUntil: Date | undefined, exportedUntil: Date | undefined, max = MAX_EXPORT_DAYS_PER_RUN): Date[] {
  if (!meteredUntil) return [];
  const days: Date[] = [];
  const first = exportedUntil ? dayStart(exportedUntil) : new Date(dayStart(meteredUntil).getTime() - 86_400_000);
  for (let d = first; nextDay(d) <= meteredUntil && days.length < max; d = nextDay(d)) days.push(d);
  return days;
}

/** The plan a file is of. */
export interface ExportedPlan {
  providerOrgId: string;
  serviceId: string;
  productTierId: string;
}

type ExportedRecord = Pick<
  UsageRecordItem,
  'subscriptionId' | 'instanceId' | 'customerOrgId' | 'periodStart' | 'periodEnd' | 'runningHours' | 'cpuCoreHours' | 'memoryGiBHours' | 'storageGiBHours' | 'replicaHours'
>;

const order = (a: ExportedRecord, b: ExportedRecord) =>
  a.periodStart.localeCompare(b.periodStart) || a.subscriptionId.localeCompare(b.subscriptionId) || a.instanceId.localeCompare(b.instanceId);

/** One plan's day file: the header (format, day, plan, record count), then the records by period, subscription, instance. */
export function usageExportFile(day: Date, plan: ExportedPlan, records: readonly ExportedRecord[]): Buffer {
  const start = dayStart(day);
  const header = {
    format: USAGE_EXPORT_FORMAT,
    day: start.toISOString().slice(0, 10),
    dayStart: start.toISOString(),
    dayEnd: nextDay(start).toISOString(),
    providerOrgId: plan.providerOrgId,
    serviceId: plan.serviceId,
    productTierId: plan.productTierId,
    records: records.length,
  };
  const lines = [JSON.stringify(header)];
  for (const r of [...records].sort(order)) {
    lines.push(
      JSON.stringify({
        subscriptionId: r.subscriptionId,
        instanceId: r.instanceId,
        customerOrgId: r.customerOrgId,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        runningHours: r.runningHours,
        usage: Object.fromEntries(DIMENSIONS.map(([name, field]) => [name, r[field]])),
      }),
    );
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
