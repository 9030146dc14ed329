/**
 * The month-close benchmark (`npx vitest run --config bench/vitest.instances.config.ts bench/invoices.bench.test.ts`):
 * 1,000 subscriptions of one provider with a month sum in the previous month (seeded as the meter-usage job
 * writes them) on a priced plan, one close of that month (run time, invoices written: 1,000 expected, numbered
 * 1–1,000), then a rerun (zero new invoices). On a table of its own: the metering cursor is global.
 */
import { describe, expect, it } from 'vitest';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { resetDbClient } from '#shared/data/client.ts';
import { putImmutable, queryAll, stamp } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { usageScopeKey, usageSumShard, type UsageSumItem } from '#shared/data/entities/metering.ts';
import { getInvoiceCounter } from '#shared/data/entities/invoice.ts';
import { monthStart } from '#shared/domain/metering.ts';
import { closeMonth } from '#shared/use-cases/invoices/close.ts';
import { ms } from './report.ts';

const N = Number(process.env.BENCH_INVOICED_SUBSCRIPTIONS ?? 1000);
const provider = 'org-invbenchprovider';

describe('month close benchmark', () => {
  it(`closes a month of ${N} subscriptions, then a rerun writes nothing`, { timeout: 600_000 }, async () => {
    const table = `invbench-${Math.random().toString(36).slice(2, 8)}`;
    await ensureTable(process.env.DYNAMODB_ENDPOINT!, table);
    process.env.TABLE_NAME = table;
    resetDbClient();
    const end = monthStart(new Date());
    const month = monthStart(new Date(end.getTime() - 1));
    const t = new Date().toISOString();
    const tier = stamp({
      ...keys.productTier('s-invbench', 'pt-invbench'),
      entity: 'productTier',
      orgId: provider,
      serviceId: 's-invbench',
      productTierId: 'pt-invbench',
      pricePerUnit: { 'Replica hours': { amount: 0.05, currency: 'USD' } },
    });
    const sums: UsageSumItem[] = Array.from({ length: N }, (_, i) => {
      const subscriptionId = `sub-invbench${String(i).padStart(5, '0')}`;
      const scope = { kind: 'subscription' as const, subscriptionId };
      return {
        ...keys.usageSum(usageScopeKey(scope), 'M', month.toISOString()),
        ...keys.usageSumListing('M', month.toISOString(), usageSumShard(subscriptionId), subscriptionId),
        entity: 'usageSum',
        scope,
        grain: 'M',
        start: month.toISOString(),
        end: end.toISOString(),
        runningHours: 720,
        cpuCoreHours: 1440,
        memoryGiBHours: 2880,
        storageGiBHours: 14400,
        replicaHours: 1440 + i,
        records: 720,
        providerOrgId: provider,
        customerOrgId: `org-invbenchcustomer${i % 50}`,
        serviceId: 's-invbench',
        productTierId: 'pt-invbench',
        version: 1,
        createdAt: t,
        updatedAt: t,
      };
    });
    const cursor = stamp({ ...keys.meteringCursor(), entity: 'meteringCursor', meteredUntil: end.toISOString() });
    await putImmutable([tier, cursor, ...sums]);

    const t0 = performance.now();
    const first = await closeMonth({ month });
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const rerun = await closeMonth({ month });
    const rerunMs = performance.now() - t1;
    console.log(`month close of ${N} subscriptions: ${ms(firstMs)}, ${first.invoicesWritten} invoices written`);
    console.log(`rerun of the same month: ${ms(rerunMs)}, ${rerun.invoicesWritten} invoices written`);
    expect(first.invoicesWritten).toBe(N);
    expect(rerun.invoicesWritten).toBe(0);
    expect((await getInvoiceCounter(provider))!.lastNumber).toBe(N);
    const numbers = (await queryAll<{ invoiceNumber: string }>(keys.invoicesOfProvider(provider))).map((i) => i.invoiceNumber);
    expect(new Set(numbers).size).toBe(N);
  });
});
