/**
 * The usage export benchmark (`npx vitest run --config bench/vitest.instances.config.ts bench/usage-export.bench.test.ts`):
 * one plan with `exportUsageMetering`, 1,000 instances on 100 subscriptions, each RUNNING all of one UTC day at
 * hourly periods (24,000 usage records and the subscriptions' day sums seeded as the meter-usage job writes
 * them); one day's export (run time, file size, lines), then a rerun (same bytes).
 */
import { describe, expect, it } from 'vitest';
import { putImmutable } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { usageScopeKey, usageSumShard, type UsageRecordItem, type UsageSumItem } from '#shared/data/entities/metering.ts';
import { usageExportBlobKey } from '#shared/data/entities/usage-export.ts';
import { blobs } from '#shared/blobs/index.ts';
import { exportUsageOfDay } from '#shared/use-cases/metering/export.ts';
import { ms } from './report.ts';

const N = Number(process.env.BENCH_EXPORTED_INSTANCES ?? 1000);
const SUBS = 100;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const provider = 'org-exportbench';
const serviceId = 's-exportbench';
const productTierId = 'pt-exportbench';

describe('usage export benchmark', () => {
  it(`exports one day of ${N} instances × 24 hours, then a rerun writes the same bytes`, { timeout: 600_000 }, async () => {
    const day = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
    const t = new Date().toISOString();
    const stamp = { version: 1, createdAt: t, updatedAt: t };
    const tier = { ...keys.productTier(serviceId, productTierId), entity: 'productTier', orgId: provider, serviceId, productTierId, exportUsageMetering: true, ...stamp };
    const records: UsageRecordItem[] = [];
    for (let i = 0; i < N; i++) {
      const instanceId = `instance-xb${String(i).padStart(5, '0')}`;
      const subscriptionId = `sub-xb${i % SUBS}`;
      for (let h = 0; h < 24; h++) {
        const periodStart = new Date(day + h * HOUR).toISOString();
        records.push({
          ...keys.usageRecord(subscriptionId, periodStart, instanceId),
          entity: 'usageRecord', instanceId, subscriptionId, providerOrgId: provider, customerOrgId: `org-xbcust${i % SUBS}`, serviceId, productTierId,
          periodStart, periodEnd: new Date(day + (h + 1) * HOUR).toISOString(), day: periodStart.slice(0, 10),
          runningHours: 1, cpuCoreHours: 2, memoryGiBHours: 4, storageGiBHours: 20, replicaHours: 2, ...stamp,
        });
      }
    }
    const start = new Date(day).toISOString();
    const sums: UsageSumItem[] = Array.from({ length: SUBS }, (_, s) => {
      const scope = { kind: 'subscription' as const, subscriptionId: `sub-xb${s}` };
      const n = records.filter((r) => r.subscriptionId === scope.subscriptionId).length;
      return {
        ...keys.usageSum(usageScopeKey(scope), 'D', start), ...keys.usageSumListing('D', start, usageSumShard(scope.subscriptionId), scope.subscriptionId),
        entity: 'usageSum', scope, grain: 'D', start, end: new Date(day + DAY).toISOString(), records: n,
        runningHours: n, cpuCoreHours: 2 * n, memoryGiBHours: 4 * n, storageGiBHours: 20 * n, replicaHours: 2 * n,
        providerOrgId: provider, customerOrgId: `org-xbcust${s}`, serviceId, productTierId, ...stamp,
      };
    });
    await putImmutable([tier, ...sums, ...records], 16);

    const t0 = performance.now();
    const first = await exportUsageOfDay(new Date(day));
    const firstMs = performance.now() - t0;
    const key = usageExportBlobKey(provider, serviceId, productTierId, start.slice(0, 10));
    const file = (await blobs().get(key))!;
    const t1 = performance.now();
    const rerun = await exportUsageOfDay(new Date(day));
    const rerunMs = performance.now() - t1;
    const again = (await blobs().get(key))!;
    console.log(`export of ${N} instances × 24 hours (${SUBS} subscriptions, one plan): ${ms(firstMs)}, ${first.records} records, ${(file.length / 1e6).toFixed(2)} MB`);
    console.log(`rerun: ${ms(rerunMs)}, same bytes: ${file.equals(again)}`);
    expect(first).toEqual({ plans: 1, files: 1, records: N * 24 });
    expect(file.toString('utf8').trimEnd().split('\n')).toHaveLength(N * 24 + 1);
    expect(rerun).toEqual(first);
    expect(file.equals(again)).toBe(true);
  });
});
