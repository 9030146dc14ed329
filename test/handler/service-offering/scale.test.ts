/**
 * What ListServiceOffering reads as a provider grows: one page of the org's services, then per service its
 * overview, and per OFFERED plan only its version header and resource index (plus one API per environment) —
 * never a resource's parameters, never a plan of an environment out of scope. Plans are cloned from a plan
 * released through the handlers (its tier, header and index items under new ids), so hundreds stay cheap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listOfferings } from '#functions/service-offering/list-service-offering.ts';
import { getItem, queryAll, type Key } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { VersionSetItem } from '#shared/data/entities/tier-version-set.ts';
import { invoke } from '../../support/invoke.ts';
import { recordReads, seedItems, type Read } from '../../support/seed.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { releaseOk, resourceIn } from '../tier-version-set/fixtures.ts';
import { offeredService, planIn, resourceWithParameters, type Branch, type Offered } from './fixtures.ts';

let provider: TestSession;

beforeAll(async () => {
  provider = await testSession('root', 'Scale Provider');
});

/** `n` copies of a released plan (tier, version header, index parts) in the same environment. */
async function clones(o: Offered, productTierId: string, n: number): Promise<void> {
  const tier = (await getItem<ProductTierItem & { release: { preferred: { seq: number } } }>(keys.productTier(o.serviceId, productTierId)))!;
  const header = (await getItem<VersionSetItem>(keys.versionSet(o.serviceId, productTierId, tier.release.preferred.seq)))!;
  const index = await queryAll<Key & Record<string, unknown>>(keys.versionSnapshotIndexOf(o.serviceId, productTierId, header.releaseId));
  const items: object[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId(ID_PREFIX.productTier);
    const copy = { ...tier, ...keys.productTier(o.serviceId, id), productTierId: id, name: `${tier.name} ${i}`, key: `${tier.key}-${i}` };
    items.push(copy, { ...header, ...keys.versionSet(o.serviceId, id, header.seq), productTierId: id, tier: { ...header.tier, productTierId: id, key: copy.key } });
    for (const part of index) items.push({ ...part, ...keys.versionSnapshotIndexPart(o.serviceId, id, header.releaseId, part.chunk as number), productTierId: id });
  }
  await seedItems(items);
}

async function releasedPlan(o: Offered, b: Branch, name: string): Promise<string> {
  const plan = await planIn(o, b, name, { autoApproveSubscription: true });
  await resourceWithParameters(plan, 'Writer');
  await resourceIn(plan, 'Reader');
  await releaseOk(plan, { isPreferred: true });
  return plan.productTierId;
}

const summary = (reads: Read[]) => {
  const by: Record<string, number> = {};
  for (const r of reads) by[r.command] = (by[r.command] ?? 0) + 1;
  return { reads: reads.length, items: reads.reduce((n, r) => n + r.items, 0), by };
};

describe('ListServiceOffering at scale', () => {
  it('reads per offered plan, not per item of the provider: 10 plans, then 300 across 3 services', async () => {
    const services = await Promise.all([0, 1, 2].map((i) => offeredService(provider.token, provider.orgId, `Scaled ${i} ${Math.random().toString(36).slice(2, 6)}`)));
    const released = await Promise.all(services.map((o, i) => releasedPlan(o, o.prod, `Plan ${i}`)));
    // Out of scope for a PROD customer: a DEV plan with a release, which must cost the PROD customer nothing.
    await releasedPlan(services[0], services[0].dev, 'Dev only');
    await clones(services[0], released[0], 9);
    const customer = await testCustomerSession(provider, 'PROD');
    const list = () => invoke(listOfferings, { token: customer.token });

    const t10 = Date.now();
    const small = await recordReads(list);
    const ms10 = Date.now() - t10;
    expect(small.result.status, small.result.body).toBe(200);
    const plans = (r: typeof small) => r.result.json.services.reduce((n: number, s: { offerings: unknown[] }) => n + s.offerings.length, 0);
    expect(plans(small)).toBe(12);

    await clones(services[0], released[0], 90);
    await clones(services[1], released[1], 99);
    await clones(services[2], released[2], 99);
    const t300 = Date.now();
    const big = await recordReads(list);
    const ms300 = Date.now() - t300;
    expect(big.result.status).toBe(200);
    expect(plans(big)).toBe(300);

    for (const r of [...small.reads, ...big.reads]) {
      // Never a resource, parameter, file or snapshot part of a resource: only headers and index parts.
      expect(r.prefix ?? '').not.toMatch(/^(RES|IP|OP|FILE|CHANGE)#/);
      expect(r.prefix ?? '').not.toMatch(/#R#/);
    }
    // Per offered plan: one header GetItem and one index Query; per service: its overview; per environment: its API.
    const s = summary(small.reads);
    const b = summary(big.reads);
    const perPlan = (b.reads - s.reads) / (300 - 12);
    expect(perPlan).toBeLessThanOrEqual(2);
    console.log(`ListServiceOffering: 12 plans ${ms10} ms ${JSON.stringify(s)}; 300 plans ${ms300} ms ${JSON.stringify(b)}; ${Buffer.byteLength(big.result.body)} bytes`);
  }, 120_000);
});
