/**
 * Fixtures of the invoice tests, on a table of this file's process's own (the metering cursor, the close
 * cursor and the month listings are global: counts are then exact, whatever other files meter): priced
 * offerings, subscribed customers, and usage made as the metering test makes it (the stream job's intervals
 * from instance changes, then the meter job and a backfill of the previous month's last day).
 */
import { expect } from 'vitest';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { resetDbClient } from '#shared/data/client.ts';
import { getSubscription, type SubscriptionItem } from '#shared/data/entities/subscription.ts';
import { backfillUsage, meterUsage, trackMeteredInstance } from '#shared/use-cases/metering/meter.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { devCustomer, offering, subscribed, type Offering } from '../subscription/fixtures.ts';

export const HOUR = 3_600_000;
export const usd = (amount: number) => ({ amount, currency: 'USD' });

/** Points this worker's data layer at a fresh table. */
export async function ownTable(): Promise<void> {
  const table = `invoices-${Math.random().toString(36).slice(2, 10)}`;
  await ensureTable(process.env.DYNAMODB_ENDPOINT!, table);
  process.env.TABLE_NAME = table;
  resetDbClient();
}

/** A released offering whose auto-approving tier has `pricePerUnit`. */
export async function pricedOffering(pricePerUnit: Record<string, unknown>): Promise<Offering> {
  const o = await offering();
  const res = await invoke(updateTier, { token: o.provider.token, params: { serviceId: o.serviceId, id: o.auto }, body: { pricePerUnit } });
  expect(res.status, res.body).toBe(200);
  return o;
}

export async function customerOf(o: Offering): Promise<TestSession & { sub: SubscriptionItem }> {
  const c = await devCustomer(o);
  const id = await subscribed(c.token, o);
  return { ...c, sub: (await getSubscription(id))! };
}

let n = 0;
/** An instance of the subscription RUNNING with `replicas` over [from, to), through the stream job. */
export async function ranFor(sub: SubscriptionItem, replicas: number, from: number, to: number): Promise<void> {
  const instanceId = `instance-inv${++n}${Math.random().toString(36).slice(2, 8)}`;
  const image = (status: string, at: number) => ({
    pk: `INST#${instanceId}`,
    sk: 'INST',
    entity: 'resourceInstance',
    instanceId,
    providerOrgId: sub.providerOrgId,
    customerOrgId: sub.customerOrgId,
    subscriptionId: sub.subscriptionId,
    serviceId: sub.serviceId,
    productTierId: sub.productTierId,
    status,
    updatedAt: new Date(at).toISOString(),
    resources: { 'r-app': { status: 'RUNNING', replicas } },
  });
  for (const [status, at] of [['RUNNING', from], ['STOPPED', to]] as const) {
    const newImage = image(status, at);
    await trackMeteredInstance({ eventName: 'MODIFY', keys: { pk: newImage.pk, sk: newImage.sk }, newImage, sequenceNumber: String(at) });
  }
}

/** Meters up to now (the cursor passes the previous month's end) and recomputes [from, to). */
export async function meterThrough(from: number, to: number): Promise<void> {
  await meterUsage({ at: new Date() });
  await backfillUsage({ from: new Date(from), to: new Date(to) });
}
