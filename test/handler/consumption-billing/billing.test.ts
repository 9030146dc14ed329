/**
 * Billing status and details: billing is enabled exactly when a live subscription in the caller's scope (a
 * customer's own subscriptions to its provider; a provider's services' subscriptions) is on a plan that charges;
 * a free plan, a deleted subscription, another customer or another provider see it disabled; details say no
 * payment is configured and give no link; a bad returnUrl is a 400 naming it; every body matches the reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as billingStatus } from '#functions/consumption-billing/describe-consumption-billing-status.ts';
import { operation as billingDetails } from '#functions/consumption-billing/describe-consumption-billing-details.ts';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { deleteSub, devCustomer, offering, subscribed, type Offering } from '../subscription/fixtures.ts';

let o: Offering;
let customer: TestSession;
let bystander: TestSession;
let otherProvider: TestSession;
let subscriptionId: string;

async function enabled(token: string): Promise<boolean> {
  const res = await invoke(billingStatus, { token });
  expect(res.status, res.body).toBe(200);
  expect(contractProblems('DescribeConsumptionBillingStatus', 200, res.json)).toEqual([]);
  return res.json.enabled;
}

const setPrice = async (pricePerUnit: Record<string, unknown>) => {
  const res = await invoke(updateTier, { token: o.provider.token, params: { serviceId: o.serviceId, id: o.auto }, body: { pricePerUnit } });
  expect(res.status, res.body).toBe(200);
};

beforeAll(async () => {
  o = await offering();
  [customer, bystander, otherProvider] = await Promise.all([devCustomer(o), devCustomer(o), testSession('root', 'Unrelated Provider')]);
  subscriptionId = await subscribed(customer.token, o);
});

describe('DescribeConsumptionBillingStatus', () => {
  it('is disabled while the only subscribed plan is free', async () => {
    expect(await enabled(customer.token)).toBe(false);
    expect(await enabled(o.provider.token)).toBe(false);
  });

  it('is enabled for the subscriber and its provider once the plan charges; never for another customer or provider', async () => {
    await setPrice({ 'CPU core hours': { amount: 0.05, currency: 'USD' } });
    expect(await enabled(customer.token)).toBe(true);
    expect(await enabled(o.provider.token)).toBe(true);
    expect(await enabled(bystander.token)).toBe(false);
    expect(await enabled(otherProvider.token)).toBe(false);
  });

  it('is disabled again once the subscription is gone', async () => {
    const res = await deleteSub(customer.token, subscriptionId);
    expect(res.status, res.body).toBe(200);
    expect(await enabled(customer.token)).toBe(false);
    expect(await enabled(o.provider.token)).toBe(false);
    await setPrice({});
  });

  it('refuses a request without a token', async () => {
    expect((await invoke(billingStatus, {})).status).toBe(401);
  });
});

describe('DescribeConsumptionBillingDetails', () => {
  it('says payment is not configured and gives no portal link, for customers and providers', async () => {
    for (const [token, query] of [[customer.token, {}], [bystander.token, { returnUrl: 'https://portal.example.com/back' }], [o.provider.token, { returnUrl: '' }]] as const) {
      const res = await invoke(billingDetails, { token, query });
      expect(res.status, res.body).toBe(200);
      expect(contractProblems('DescribeConsumptionBillingDetails', 200, res.json)).toEqual([]);
      expect(res.json).toEqual({ paymentConfigured: false });
    }
  });

  it('rejects a returnUrl that is not an http(s) URL, or too long, naming it', async () => {
    for (const returnUrl of ['not a url', 'ftp://portal.example.com/', 'javascript:alert(1)', `https://example.com/${'x'.repeat(2100)}`]) {
      const res = await invoke(billingDetails, { token: customer.token, query: { returnUrl } });
      expect(res.status, returnUrl).toBe(400);
      expect(res.body).toContain('returnUrl');
    }
  });
});
