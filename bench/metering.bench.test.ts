/**
 * The metering benchmark (`npx vitest run --config bench/vitest.instances.config.ts bench/metering.bench.test.ts`,
 * or with the instance benchmarks under `BENCH_ONLY=instances npm run bench`): 1,000 instances RUNNING for the
 * last 24 hours (meter items seeded as the stream job writes them), one meter-usage run over those 24 hours
 * (run time, records written: 24,000 expected), then a rerun over the same hours (zero new records).
 */
import { describe, expect, it } from 'vitest';
import { putImmutable } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { meterShard, type MeteredInstanceItem } from '#shared/data/entities/metering.ts';
import { meterUsage } from '#shared/use-cases/metering/meter.ts';
import { ms } from './report.ts';

const N = Number(process.env.BENCH_METERED_INSTANCES ?? 1000);
const HOUR = 3_600_000;

describe('metering benchmark', () => {
  it(`meters ${N} instances × 24 hours, then a rerun writes nothing`, { timeout: 600_000 }, async () => {
    const at = new Date(Math.floor(Date.now() / HOUR) * HOUR + 60_000);
    const from = new Date(at.getTime() - 60_000 - 24 * HOUR).toISOString();
    const t = new Date().toISOString();
    const items: MeteredInstanceItem[] = Array.from({ length: N }, (_, i) => {
      const instanceId = `instance-bench${String(i).padStart(5, '0')}`;
      return {
        ...keys.meteredInstance(instanceId),
        ...keys.meteredInstanceListing(meterShard(instanceId), instanceId),
        entity: 'meteredInstance',
        instanceId,
        providerOrgId: 'org-benchprovider',
        customerOrgId: `org-benchcustomer${i % 50}`,
        subscriptionId: `sub-bench${i % 100}`,
        serviceId: 's-bench',
        productTierId: 'pt-bench',
        intervals: [{ from, replicas: 2, cpuCores: 2, memoryGiB: 4, storageGiB: 20 }],
        version: 1,
        createdAt: t,
        updatedAt: t,
      };
    });
    await putImmutable(items);

    const t0 = performance.now();
    const first = await meterUsage({ at });
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const rerun = await meterUsage({ at });
    const rerunMs = performance.now() - t1;
    console.log(`metering ${N} instances × ${first.periods} hours: ${ms(firstMs)}, ${first.recordsWritten} usage records written`);
    console.log(`rerun over the same hours: ${ms(rerunMs)}, ${rerun.recordsWritten} records written (${rerun.periods} periods)`);
    expect(first.periods).toBe(24);
    expect(first.recordsWritten).toBe(N * 24);
    expect(rerun.recordsWritten).toBe(0);
  });
});
