/**
 * Invoices, on a table of this file's own (fixtures.ts): an off-cycle close (`--through`) bills the month so
 * far, the month close then only the rest; totals are exactly usage × unit price (rounded once to the cent);
 * a rerun and a close racing another write nothing twice, and numbers are sequential per provider; the job
 * closes the last ended month once and moves on. The lists answer each tenant its own, newest first, pages of
 * 100 with a nextPageToken, valid against the reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listConsumptionInvoicesOp } from '#functions/consumption-invoice/list-consumption-invoices.ts';
import { operation as listInvoicesOp } from '#functions/invoice/list-invoices.ts';
import { handler as closeJob } from '#functions/jobs/close-invoices.ts';
import { keys } from '#shared/data/keys.ts';
import { commit, queryAll, stamp } from '#shared/data/store.ts';
import { getInvoiceCounter, invoicesOfSubscription, type InvoiceItem } from '#shared/data/entities/invoice.ts';
import type { SubscriptionItem } from '#shared/data/entities/subscription.ts';
import { monthStart } from '#shared/domain/metering.ts';
import { toCents } from '#shared/domain/pricing.ts';
import { closeMonth, closeThrough, refreshDraftInvoices } from '#shared/use-cases/invoices/close.ts';
import { backfillUsage } from '#shared/use-cases/metering/meter.ts';
import { usageOf } from '#shared/use-cases/metering/usage-sums.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { devCustomer, type Offering } from '../subscription/fixtures.ts';
import { customerOf, HOUR, meterThrough, ownTable, pricedOffering, ranFor, usd } from './fixtures.ts';

const PRICES = { 'Replica hours': usd(0.25), 'CPU core hours': usd(0.013), note: 'not a price' };
/** The previous UTC month, and its last day (D) on which everything runs. */
const month = new Date(monthStart(new Date()).getTime() - 1);
const monthEnd = monthStart(new Date()).getTime();
const D = monthEnd - 24 * HOUR;

let p1: Offering;
let p2: Offering;
let a: TestSession & { sub: SubscriptionItem };
let b: TestSession & { sub: SubscriptionItem };
let c: TestSession & { sub: SubscriptionItem };
let d: TestSession & { sub: SubscriptionItem };
let stranger: TestSession;
let otherProvider: TestSession;

const invoicesOf = async (sub: SubscriptionItem) => invoicesOfSubscription(sub.subscriptionId, new Date(monthStart(month)).toISOString(), new Date(monthEnd).toISOString());
const expectedTotal = (replicaHours: number, cpuCoreHours: number) => toCents(replicaHours * 0.25 + cpuCoreHours * 0.013);

beforeAll(async () => {
  await ownTable();
  [p1, p2] = await Promise.all([pricedOffering(PRICES), pricedOffering(PRICES)]);
  [a, b, c, d] = await Promise.all([customerOf(p1), customerOf(p1), customerOf(p2), customerOf(p2)]);
  [stranger, otherProvider] = await Promise.all([devCustomer(p1), testSession('root', 'Invoice-less Provider')]);
  await ranFor(a.sub, 2, D + 2 * HOUR, D + 20 * HOUR);
  await ranFor(b.sub, 1, D + 4 * HOUR, D + 6 * HOUR);
  await ranFor(c.sub, 1, D + 12 * HOUR, D + 14 * HOUR);
  await ranFor(d.sub, 3, D + 12 * HOUR, D + 13 * HOUR);
  await meterThrough(D, monthEnd);
}, 120_000);

describe('month close', () => {
  it('--through bills the month so far at usage × price; another provider with later usage gets nothing yet', async () => {
    const out = await closeThrough({ through: new Date(D + 10 * HOUR + 17 * 60_000) });
    expect(out).toMatchObject({ month: new Date(monthStart(month)).toISOString(), through: new Date(D + 10 * HOUR).toISOString(), invoicesWritten: 2 });
    const [ia] = await invoicesOf(a.sub);
    const usage = await usageOf({ kind: 'subscription', subscriptionId: a.sub.subscriptionId }, new Date(monthStart(month)), new Date(D + 10 * HOUR));
    expect(usage.replicaHours).toBe(16);
    expect(ia).toMatchObject({
      periodStart: new Date(monthStart(month)).toISOString(),
      periodEnd: new Date(D + 10 * HOUR).toISOString(),
      invoiceDate: new Date(D + 10 * HOUR).toISOString(),
      dueDate: new Date(D + 10 * HOUR + 30 * 24 * HOUR).toISOString(),
      paymentTerms: 'Net 30',
      currency: 'USD',
      invoiceStatus: 'DRAFT',
      taxAmount: 0,
      priceSource: 'productTier',
      totalAmountWithoutTax: expectedTotal(usage.replicaHours, usage.cpuCoreHours),
      totalAmount: expectedTotal(usage.replicaHours, usage.cpuCoreHours),
    });
    expect(ia!.totalAmount).toBe(4.21);
    expect(ia!.lines.map((l) => [l.dimension, l.quantity, l.unitAmount])).toEqual([['CPU core hours', 16, 0.013], ['Replica hours', 16, 0.25]]);
    expect((await invoicesOf(b.sub))[0]!.totalAmount).toBe(expectedTotal(2, 2));
    expect(await invoicesOf(c.sub)).toEqual([]);
    expect((await getInvoiceCounter(p1.provider.orgId))!.lastNumber).toBe(2);
  });

  it('the month close bills only the rest; two closes racing write one invoice each, numbered in sequence per provider', async () => {
    const [x, y] = await Promise.all([closeMonth({ month }), closeMonth({ month })]);
    expect(x.invoicesWritten + y.invoicesWritten).toBe(3);
    const billed = await invoicesOf(a.sub);
    expect(billed.map((i) => [i.periodStart, i.periodEnd])).toEqual([
      [new Date(monthStart(month)).toISOString(), new Date(D + 10 * HOUR).toISOString()],
      [new Date(D + 10 * HOUR).toISOString(), new Date(monthEnd).toISOString()],
    ]);
    expect(billed[1]!.totalAmount).toBe(expectedTotal(20, 20));
    expect(billed.reduce((s, i) => s + i.lines.find((l) => l.dimension === 'Replica hours')!.quantity, 0)).toBe(36);
    expect(await invoicesOf(b.sub)).toHaveLength(1); // nothing used after the off-cycle close
    expect(billed[1]!.invoiceNumber).toBe('INV-000003');
    const p2Invoices = [...(await invoicesOf(c.sub)), ...(await invoicesOf(d.sub))];
    expect(p2Invoices.map((i) => i.invoiceNumber).sort()).toEqual(['INV-000001', 'INV-000002']);
    expect((await invoicesOf(d.sub))[0]!.totalAmount).toBe(expectedTotal(3, 3));
    expect((await getInvoiceCounter(p2.provider.orgId))!.lastNumber).toBe(2);
  });

  it('a rerun writes nothing; the job closes the last ended month once, then has nothing to do', async () => {
    expect((await closeMonth({ month })).invoicesWritten).toBe(0);
    expect((await closeThrough({ through: new Date(D + 12 * HOUR) })).invoicesWritten).toBe(0);
    expect(await closeJob({ time: new Date().toISOString() })).toEqual({ months: [new Date(monthStart(month)).toISOString()], invoicesWritten: 0 });
    expect(await closeJob({ time: new Date().toISOString() })).toEqual({ months: [], invoicesWritten: 0 });
    const all = await Promise.all([a, b, c, d].map((x) => invoicesOf(x.sub)));
    expect(all.map((l) => l.length)).toEqual([2, 1, 1, 1]);
  });

  it('after a backfill, the DRAFT invoices of the range are priced again at the unit amounts they were closed with', async () => {
    const before = (await invoicesOf(b.sub))[0]!;
    await ranFor(b.sub, 1, D + HOUR, D + 3 * HOUR); // usage that reached the meter late, inside b's invoice
    await backfillUsage({ from: new Date(D), to: new Date(monthEnd) });
    expect(await refreshDraftInvoices({ from: new Date(D), to: new Date(monthEnd) })).toEqual({ invoices: 5, changed: 1 });
    const after = (await invoicesOf(b.sub))[0]!;
    expect(after).toMatchObject({ invoiceId: before.invoiceId, invoiceNumber: before.invoiceNumber, invoiceDate: before.invoiceDate, totalAmount: expectedTotal(4, 4) });
    expect(after.lines.find((l) => l.dimension === 'Replica hours')).toEqual({ dimension: 'Replica hours', quantity: 4, unitAmount: 0.25, amount: 1 });
    expect(await refreshDraftInvoices({ from: new Date(D), to: new Date(monthEnd) })).toEqual({ invoices: 5, changed: 0 });
  });

  it('refuses a month not metered through its end and a bad --through', async () => {
    await expect(closeMonth({ month: new Date() })).rejects.toThrow(/not metered through its end/);
    await expect(closeThrough({ through: new Date('nope') })).rejects.toThrow(/--through/);
  });
});

const list = (op: typeof listInvoicesOp, token: string, query: Record<string, string> = {}) => invoke(op, { token, query });
const numbers = (res: { json: { invoices: { invoiceNumber: string }[] } }) => res.json.invoices.map((i) => i.invoiceNumber);

describe('ListConsumptionInvoices', () => {
  it("answers a customer its own invoices from the token's provider, newest first, valid against the reference", async () => {
    const res = await list(listConsumptionInvoicesOp, a.token);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListConsumptionInvoices', 200, res.json)).toEqual([]);
    // A's off-cycle invoice and B's share a commit (numbers 1 and 2, in listing order); A's month end is 3.
    const mine = (await invoicesOf(a.sub)).map((i) => i.invoiceNumber).reverse();
    expect(mine[0]).toBe('INV-000003');
    expect(numbers(res)).toEqual(mine);
    expect(res.json.invoices[0]).toMatchObject({ invoiceId: expect.stringMatching(/^inv-/), invoiceUrl: '', invoicePdf: '', invoiceStatus: 'DRAFT', invoiceDate: new Date(monthEnd).toISOString() });
    expect(res.json.nextPageToken).toBeUndefined();
    expect(numbers(await list(listConsumptionInvoicesOp, b.token))).toEqual((await invoicesOf(b.sub)).map((i) => i.invoiceNumber));
    expect([...mine, ...numbers(await list(listConsumptionInvoicesOp, b.token))].sort()).toEqual(['INV-000001', 'INV-000002', 'INV-000003']);
  });

  it('shows another customer none, and a provider token its services\u2019 invoices only', async () => {
    expect(numbers(await list(listConsumptionInvoicesOp, stranger.token))).toEqual([]);
    expect(numbers(await list(listConsumptionInvoicesOp, p1.provider.token)).sort()).toEqual(['INV-000001', 'INV-000002', 'INV-000003']);
    expect(numbers(await list(listConsumptionInvoicesOp, otherProvider.token))).toEqual([]);
  });

  it('rejects a page token that is not its own (400)', async () => {
    const res = await list(listConsumptionInvoicesOp, a.token, { nextPageToken: 'forged' });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('nextPageToken');
  });
});

describe('ListInvoices', () => {
  it("answers the provider org its services' invoices (every customer), and another provider none", async () => {
    const res = await list(listInvoicesOp, p2.provider.token);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListInvoices', 200, res.json)).toEqual([]);
    expect(numbers(res).sort()).toEqual(['INV-000001', 'INV-000002']);
    expect(numbers(await list(listInvoicesOp, p1.provider.token))).toHaveLength(3);
    expect(numbers(await list(listInvoicesOp, otherProvider.token))).toEqual([]);
    expect((await list(listInvoicesOp, a.token)).status).toBe(403); // a customer token is no provider's
  });

  it('answers pages of 100 with a nextPageToken while more exist, and 400 for a bad token', async () => {
    const pager = await testSession('root', 'Many Invoices Provider');
    const items = Array.from({ length: 101 }, (_, i) => {
      const invoiceDate = new Date(Date.UTC(2026, 0, 1) + i * HOUR).toISOString();
      const invoiceId = `inv-page${String(i).padStart(6, '0')}`;
      return stamp({
        ...keys.invoice(`sub-pager${i}`, invoiceDate),
        ...keys.customerInvoiceListing('org-pagercustomer', pager.orgId, invoiceDate, invoiceId),
        ...keys.providerInvoiceListing(pager.orgId, invoiceDate, invoiceId),
        entity: 'invoice',
        invoiceId,
        invoiceNumber: `INV-${String(i + 1).padStart(6, '0')}`,
        invoiceDate,
        currency: 'USD',
      } as unknown as InvoiceItem);
    });
    await commit({ puts: items.slice(0, 100).map((item) => ({ item })) });
    await commit({ puts: items.slice(100).map((item) => ({ item })) });
    const first = await list(listInvoicesOp, pager.token);
    expect(first.json.invoices).toHaveLength(100);
    expect(first.json.invoices[0].invoiceNumber).toBe('INV-000101');
    expect(first.json.nextPageToken).toEqual(expect.any(String));
    const second = await list(listInvoicesOp, pager.token, { nextPageToken: first.json.nextPageToken });
    expect(numbers(second)).toEqual(['INV-000001']);
    expect(second.json.nextPageToken).toBeUndefined();
    // Another provider's token cannot page this provider's list.
    expect((await list(listInvoicesOp, p1.provider.token, { nextPageToken: first.json.nextPageToken })).status).toBe(400);
    expect((await queryAll(keys.invoicesOfProvider(pager.orgId))).length).toBe(101);
  });
});
