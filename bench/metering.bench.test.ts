/**
 * The metering benchmark (`npx vitest run --config bench/vitest.instances.config.ts bench/metering.bench.test.ts`,
 * or with the instance benchmarks under `BENCH_ONLY=instances npm run bench`): a small provider (10 instances)
 * and a large one (1,000; BENCH_METERED_INSTANCES), all RUNNING for the last 24 hours (meter items seeded as
 * the stream job writes them). One meter-usage run over those 24 hours (run time, records written), a rerun
 * over the same hours (zero new records), then the usage reads of both providers — the month so far and 31
 * days per day — whose cost must not grow with the instances behind them.
 */
import { describe, expect, it } from 'vitest';
import { putImmutable } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { meterShard, type MeteredInstanceItem } from '#shared/data/entities/metering.ts';
import { meterUsage } from '#shared/use-cases/metering/meter.ts';
import { usageByDay, usageOf } from '#shared/use-cases/metering/usage-sums.ts';
import { median, ms, table } from './report.ts';

const N = Number(process.env.BENCH_METERED_INSTANCES ?? 1000);
const SMALL = 10;
const HOUR = 3_600_000;
const READS = 30;

function meterItems(provider: string, n: number, from: string): MeteredInstanceItem[] {
  const t = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => {
    const instanceId = `instance-${provider}${String(i).padStart(5, '0')}`;
    return {
      ...keys.meteredInstance(instanceId),
      ...keys.meteredInstanceListing(meterShard(instanceId), instanceId),
      entity: 'meteredInstance',
      instanceId,
      providerOrgId: `org-${provider}`,
      customerOrgId: `org-${provider}customer${i % 50}`,
      subscriptionId: `sub-${provider}${i % 100}`,
      serviceId: `s-${provider}`,
      productTierId: `pt-${provider}`,
      intervals: [{ from, replicas: 2, cpuCores: 2, memoryGiB: 4, storageGiB: 20 }],
      version: 1,
      createdAt: t,
      updatedAt: t,
    };
  });
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
  }
  return median(samples)!;
}

describe('metering benchmark', () => {
  it(`meters ${SMALL} + ${N} instances × 24 hours, a rerun writes nothing, reads cost the same at both sizes`, { timeout: 900_000 }, async () => {
    // Five minutes past an hour: the settle delay leaves the last hour's period to this run.
    const at = new Date(Math.floor(Date.now() / HOUR) * HOUR + 5 * 60_000);
    const from = new Date(Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR).toISOString();
    await putImmutable([...meterItems('benchsmall', SMALL, from), ...meterItems('benchlarge', N, from)]);

    const t0 = performance.now();
    const first = await meterUsage({ at });
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const rerun = await meterUsage({ at });
    const rerunMs = performance.now() - t1;
    console.log(`metering ${SMALL + N} instances × ${first.periods} hours: ${ms(firstMs)}, ${first.recordsWritten} usage records written (and their sums)`);
    console.log(`rerun over the same hours: ${ms(rerunMs)}, ${rerun.recordsWritten} records written (${rerun.periods} periods)`);
    expect(first.periods).toBe(24);
    expect(first.recordsWritten).toBe((SMALL + N) * 24);
    expect(rerun.recordsWritten).toBe(0);

    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const rows: string[][] = [];
    for (const [provider, n] of [['benchsmall', SMALL], ['benchlarge', N]] as const) {
      const scope = { kind: 'provider' as const, providerOrgId: `org-${provider}` };
      const month = await usageOf(scope, monthStart < new Date(from) ? monthStart : new Date(from), now);
      expect(month.replicaHours).toBeCloseTo(n * 2 * 24, 6);
      const monthMs = await timed(() => usageOf(scope, monthStart, now));
      const perDayMs = await timed(() => usageByDay(scope, new Date(now.getTime() - 31 * 24 * HOUR), now));
      rows.push([`${n} instances`, ms(monthMs), ms(perDayMs)]);
    }
    table('Usage reads of one provider (median of 30)', ['provider', 'month so far', '31 days per day'], rows);
  });
});
