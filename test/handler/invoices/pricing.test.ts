/**
 * Prices: a tier's pricePerUnit entries named by a metering dimension must be {amount ≥ 0, currency: three
 * upper-case letters}, all in one currency (400 naming the key); other keys are stored as given. The same
 * rules hold on UpdateProductTier; the Fleet subscription price update is covered in test/handler/fleet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { serviceTree, type Tree } from '../../support/tree-fixtures.ts';
import { fixtures } from '../product-tier/fixtures.ts';
import { pricePerUnitProblems, priceAt, priceUsage, unitPrices } from '#shared/domain/pricing.ts';
import { billingPeriods, monthsToClose } from '#shared/domain/invoice.ts';

let root: TestSession;
let t: Tree;
beforeAll(async () => {
  root = await testSession('root', 'Pricing Provider');
  t = await serviceTree(root.token, 'Pricing');
});
const { newTier, tierItem } = fixtures(() => root);
const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('CreateProductTier', () => {
  it('stores a valid pricePerUnit, unpriced keys as given', async () => {
    const pricePerUnit = { 'Replica hours': usd(0.05), 'CPU core hours': usd(0), note: { any: ['thing'] } };
    const res = await newTier(t.svc, { serviceModelId: t.hosted, name: 'Priced', pricePerUnit });
    expect(res.status, res.body).toBe(200);
    expect((await tierItem(t.svc, res.json))!.pricePerUnit).toEqual(pricePerUnit);
  });

  it('answers 400 naming the priced entry that is wrong', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ 'Replica hours': { amount: -1, currency: 'USD' } }, 'body.pricePerUnit.Replica hours.amount'],
      [{ 'Replica hours': { amount: '1', currency: 'USD' } }, 'body.pricePerUnit.Replica hours.amount'],
      [{ 'Memory GiB hours': { amount: 1, currency: 'dollars' } }, 'body.pricePerUnit.Memory GiB hours.currency'],
      [{ 'Storage GiB hours': { amount: 1 } }, 'body.pricePerUnit.Storage GiB hours.currency'],
      [{ 'CPU core hours': 3 }, 'body.pricePerUnit.CPU core hours'],
      [{ 'CPU core hours': usd(1), 'Replica hours': { amount: 1, currency: 'EUR' } }, 'body.pricePerUnit: priced dimensions must share one currency'],
    ];
    for (const [pricePerUnit, named] of cases) {
      const res = await newTier(t.svc, { serviceModelId: t.hosted, name: `Bad ${Math.random()}`, pricePerUnit });
      expect(res.status, JSON.stringify(pricePerUnit)).toBe(400);
      expect(res.json.message).toContain(named);
    }
  });
});

describe('UpdateProductTier', () => {
  it('validates pricePerUnit as the create does', async () => {
    const id = (await newTier(t.svc, { serviceModelId: t.hosted, name: 'To Update' })).json;
    const bad = await invoke(updateTier, { token: root.token, params: { serviceId: t.svc, id }, body: { pricePerUnit: { 'Replica hours': { amount: Infinity, currency: 'USD' } } } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.pricePerUnit.Replica hours.amount');
    const ok = await invoke(updateTier, { token: root.token, params: { serviceId: t.svc, id }, body: { pricePerUnit: { 'Replica hours': usd(0.25) } } });
    expect(ok.status, ok.body).toBe(200);
    expect((await tierItem(t.svc, id))!.pricePerUnit).toEqual({ 'Replica hours': usd(0.25) });
  });
});

describe('pricing rules', () => {
  it('prices the four dimensions only, one currency; the total is rounded once to the cent', () => {
    expect(pricePerUnitProblems({ other: 'x' })).toEqual([]);
    expect(unitPrices({ other: usd(1) })).toBeUndefined();
    const prices = unitPrices({ 'Replica hours': usd(0.1), 'CPU core hours': usd(0.015) })!;
    const usage = { runningHours: 3, replicaHours: 3, cpuCoreHours: 3, memoryGiBHours: 6, storageGiBHours: 30 };
    const priced = priceUsage(usage, prices);
    expect(priced.lines.map((l) => [l.dimension, l.quantity, l.unitAmount, l.amount])).toEqual([['CPU core hours', 3, 0.015, 0.045], ['Replica hours', 3, 0.1, 0.3]]);
    expect(priced.total).toBe(0.35); // 0.345 rounded once, not 0.05 + 0.30
    expect(priceUsage({ ...usage, replicaHours: 0, cpuCoreHours: 0 }, prices).used).toBe(false);
  });

  it("uses a subscription's own price instead of the tier's from its effective date, splitting the period there", () => {
    const tier = { pricePerUnit: { 'Replica hours': usd(1) } };
    const sub = { inheritServicePlanPrice: false, priceEffectiveDate: '2026-11-10T10:20:00Z', pricePerUnit: { 'Replica hours': { amount: 2, currency: 'EUR' } } };
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-12-01T00:00:00Z');
    expect(billingPeriods(sub, from, to, 60).map((p) => p.to.toISOString())).toEqual(['2026-11-10T11:00:00.000Z', to.toISOString()]);
    expect(priceAt(sub, tier, from)).toMatchObject({ currency: 'USD', source: 'productTier' });
    expect(priceAt(sub, tier, new Date('2026-11-10T11:00:00Z'))).toMatchObject({ currency: 'EUR', source: 'subscription' });
    expect(priceAt({ ...sub, priceEffectiveDate: '' }, tier, from)).toMatchObject({ source: 'subscription' });
    expect(priceAt({ ...sub, inheritServicePlanPrice: true }, tier, to)).toMatchObject({ source: 'productTier' });
    expect(billingPeriods({ ...sub, inheritServicePlanPrice: true }, from, to, 60)).toHaveLength(1);
  });

  it('closes each month metered through its end, from the cursor on', () => {
    const iso = (d: Date[]) => d.map((m) => m.toISOString().slice(0, 7));
    expect(iso(monthsToClose(undefined, new Date('2026-12-01T05:00:00Z')))).toEqual(['2026-11']);
    expect(iso(monthsToClose(new Date('2026-10-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')))).toEqual(['2026-10', '2026-11']);
    expect(iso(monthsToClose(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-20T00:00:00Z')))).toEqual([]);
  });
});
