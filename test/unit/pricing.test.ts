/** Pricing rules: priced dimensions, rounding once to the cent, whose price applies when, which months close. */
import { describe, expect, it } from 'vitest';
import { pricePerUnitProblems, priceAt, priceUsage, unitPrices } from '#shared/domain/pricing.ts';
import { billingPeriods, monthsToClose, parseMonth } from '#shared/domain/invoice.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

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
    expect(parseMonth('2026-11').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(() => parseMonth('2026-13')).toThrow('--month');
  });
});
