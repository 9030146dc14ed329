/**
 * Prices: a tier's pricePerUnit entries named by a metering dimension must be {amount ≥ 0, currency: three
 * upper-case letters}, all in one currency (400 naming the key); other keys are stored as given. The same
 * rules hold on UpdateProductTier; the Fleet subscription price update is covered in test/handler/fleet, the
 * pricing rules in test/unit/pricing.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { serviceTree, type Tree } from '../../support/tree-fixtures.ts';
import { fixtures } from '../product-tier/fixtures.ts';

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
