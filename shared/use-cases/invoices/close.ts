/**
 * The month close (docs/operations.md, "Invoices"): for every subscription with usage in a UTC month, the
 * billing period from the end of its last invoice in that month (or the month start) to the close is priced
 * from its usage sums at the tier's or the subscription's unit prices, and becomes an invoice numbered by its
 * provider's counter in the same commit. One invoice per (subscription, period start): a rerun, or a close
 * racing another, re-reads and writes nothing new. The job closes each ended month once metered through its
 * end; `closeMonth` / `closeThrough` are the command's (`npm run invoices`).
 */
import { keys } from '#shared/data/keys.ts';
import { moveCursorForward } from '#shared/data/entities/job-cursor.ts';
import { advance, commit, stamp, withRetry } from '#shared/data/store.ts';
import { getMeteringCursor, subscriptionSumsListed, type UsageSumItem } from '#shared/data/entities/metering.ts';
import { getInvoice, getInvoiceCloseCursor, getInvoiceCounter, invoicesOfSubscription, type InvoiceItem } from '#shared/data/entities/invoice.ts';
import { getSubscription, type SubscriptionItem } from '#shared/data/entities/subscription.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { meteringPeriodMinutes, monthStart, nextMonth, periodFloor } from '#shared/domain/metering.ts';
import { priceAt, priceUsage, type UnitPrices } from '#shared/domain/pricing.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';
import { billingPeriods, dueDate, invoiceNumber, monthsToClose, PAYMENT_TERMS } from '#shared/domain/invoice.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { BadRequest, Conflict, NotFound } from '#shared/errors.ts';
import { usageOf } from '#shared/use-cases/metering/usage-sums.ts';

/** Subscriptions per commit: each makes at most two invoices (a price change inside the period), plus the counter. */
const SUBSCRIPTIONS_PER_COMMIT = 49;

export interface CloseResult {
  month: string;
  /** The end of the billing periods closed (the month end, or the off-cycle close's instant). */
  through: string;
  subscriptions: number;
  invoicesWritten: number;
}

type Draft = Omit<InvoiceItem, 'pk' | 'sk' | 'version' | 'createdAt' | 'updatedAt' | 'invoiceId' | 'invoiceNumber' | 'sequence' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'>;

async function tierOf(sum: UsageSumItem): Promise<ProductTierItem | undefined> {
  if (!sum.serviceId || !sum.productTierId) return undefined;
  try {
    return await getProductTier(sum.providerOrgId, sum.serviceId, sum.productTierId);
  } catch (e) {
    if (e instanceof NotFound) return undefined; // the plan is gone: only the subscription's own price can apply
    throw e;
  }
}

/** A subscription that is gone bills at its tier's price (it can carry no own price). */
const INHERITS: Pick<SubscriptionItem, 'inheritServicePlanPrice' | 'priceEffectiveDate' | 'pricePerUnit'> = { inheritServicePlanPrice: true, priceEffectiveDate: '', pricePerUnit: {} };

/** What a subscription's month sum still owes up to `end`: a draft per billing period that priced some usage. */
async function draftsOf(sum: UsageSumItem, month: Date, end: Date, minutes: number, tiers: Map<string, Promise<ProductTierItem | undefined>>): Promise<Draft[]> {
  if (sum.scope.kind !== 'subscription' || !sum.customerOrgId) return [];
  const subscriptionId = sum.scope.subscriptionId;
  const billed = await invoicesOfSubscription(subscriptionId, month.toISOString(), nextMonth(month).toISOString());
  const last = billed.map((i) => i.periodEnd).sort().at(-1);
  const from = last ? new Date(last) : month;
  if (from >= end) return [];
  const tierKey = `${sum.serviceId}/${sum.productTierId}`;
  if (!tiers.has(tierKey)) tiers.set(tierKey, tierOf(sum));
  const [sub, tier] = await Promise.all([getSubscription(subscriptionId), tiers.get(tierKey)!]);
  const drafts: Draft[] = [];
  for (const period of billingPeriods(sub ?? INHERITS, from, end, minutes)) {
    const prices = priceAt(sub ?? INHERITS, tier, period.from);
    if (!prices) continue;
    const priced = priceUsage(await usageOf({ kind: 'subscription', subscriptionId }, period.from, period.to), prices);
    if (!priced.used) continue;
    const invoiceDate = period.to.toISOString();
    drafts.push({
      entity: 'invoice',
      subscriptionId,
      providerOrgId: sum.providerOrgId,
      customerOrgId: sum.customerOrgId,
      serviceId: sum.serviceId ?? sub?.serviceId ?? '',
      productTierId: sum.productTierId ?? sub?.productTierId ?? '',
      periodStart: period.from.toISOString(),
      periodEnd: invoiceDate,
      invoiceDate,
      dueDate: dueDate(period.to).toISOString(),
      paymentTerms: PAYMENT_TERMS,
      currency: prices.currency,
      priceSource: prices.source,
      lines: priced.lines,
      totalAmountWithoutTax: priced.total,
      taxAmount: 0,
      totalAmount: priced.total,
      invoiceStatus: 'DRAFT',
    });
  }
  return drafts;
}

/** Closes one provider's subscriptions (≤ SUBSCRIPTIONS_PER_COMMIT) in one commit with its counter. */
async function closeChunk(providerOrgId: string, sums: UsageSumItem[], month: Date, end: Date, minutes: number): Promise<number> {
  return withRetry(
    async () => {
      const tiers = new Map<string, Promise<ProductTierItem | undefined>>();
      const drafts = (await Promise.all(sums.map((s) => draftsOf(s, month, end, minutes, tiers)))).flat();
      if (!drafts.length) return 0;
      const counter = await getInvoiceCounter(providerOrgId);
      const first = (counter?.lastNumber ?? 0) + 1;
      const invoices = drafts.map((d, i) => {
        const invoiceId = newId(ID_PREFIX.invoice);
        return stamp({
          ...keys.invoice(d.subscriptionId, d.periodStart),
          ...keys.customerInvoiceListing(d.customerOrgId, providerOrgId, d.invoiceDate, invoiceId),
          ...keys.providerInvoiceListing(providerOrgId, d.invoiceDate, invoiceId),
          ...d,
          invoiceId,
          sequence: first + i,
          invoiceNumber: invoiceNumber(first + i),
        });
      });
      const lastNumber = first + drafts.length - 1;
      const next = { ...keys.invoiceCounter(providerOrgId), entity: 'invoiceCounter' as const, providerOrgId, lastNumber };
      await commit({
        puts: [counter ? { item: advance(counter, { ...counter, ...next }), expectVersion: counter.version } : { item: stamp(next) }, ...invoices.map((item) => ({ item }))],
      });
      return invoices.length;
    },
    // A concurrent close took the counter or an invoice key first (an `exists` outcome when it was the first):
    // read again, and what it wrote is no longer owed.
    { retryOn: (e) => e instanceof Conflict },
  );
}

/** How far the meter job has metered, and in which period (the stack's, which a command run elsewhere may not share). */
async function metered(): Promise<{ until: Date; minutes: number }> {
  const cursor = await getMeteringCursor();
  if (!cursor) throw new BadRequest('nothing has been metered yet: the meter-usage job (hourly in npm start) has not run');
  return { until: new Date(cursor.meteredUntil), minutes: cursor.periodMinutes ?? meteringPeriodMinutes() };
}

/** Closes the billing periods of `month` up to `end` for every subscription with a month sum, page by page. */
async function close(month: Date, end: Date, minutes: number): Promise<CloseResult> {
  let subscriptions = 0;
  let invoicesWritten = 0;
  for await (const page of subscriptionSumsListed('M', month.toISOString())) {
    subscriptions += page.length;
    const byProvider = new Map<string, UsageSumItem[]>();
    for (const s of page) byProvider.set(s.providerOrgId, [...(byProvider.get(s.providerOrgId) ?? []), s]);
    for (const [providerOrgId, sums] of byProvider) {
      for (let i = 0; i < sums.length; i += SUBSCRIPTIONS_PER_COMMIT) invoicesWritten += await closeChunk(providerOrgId, sums.slice(i, i + SUBSCRIPTIONS_PER_COMMIT), month, end, minutes);
    }
  }
  return { month: month.toISOString(), through: end.toISOString(), subscriptions, invoicesWritten };
}

/** `npm run invoices -- --month 2026-11`: closes an ended month (metered through its end). */
export async function closeMonth(input: { month: Date }): Promise<CloseResult> {
  const month = monthStart(input.month);
  const { until, minutes } = await metered();
  if (until < nextMonth(month)) throw new BadRequest(`${month.toISOString().slice(0, 7)} is not metered through its end yet (metered until ${until.toISOString()})`);
  return close(month, nextMonth(month), minutes);
}

/**
 * `npm run invoices -- --through <instant>`: an off-cycle close of the month holding the instant, up to it
 * (floored to the metering period, and to what is metered); the month-end close then bills only the rest.
 */
export async function closeThrough(input: { through: Date }): Promise<CloseResult> {
  if (Number.isNaN(input.through.getTime())) throw new BadRequest('--through must be an RFC 3339 instant');
  const { until, minutes } = await metered();
  const requested = periodFloor(input.through, minutes);
  const end = requested < until ? requested : until;
  // An instant at a month's start closes the month before it, whole.
  const month = monthStart(new Date(end.getTime() - 1));
  return close(month, end, minutes);
}

/**
 * The scheduled run: every month from the close cursor (a fresh stack: the last ended month) that the meter
 * job has metered through its end, oldest first (catching up after downtime); the cursor moves past each.
 */
export async function closeInvoices(): Promise<{ months: string[]; invoicesWritten: number }> {
  const cursor = await getMeteringCursor();
  if (!cursor) return { months: [], invoicesWritten: 0 };
  const closeCursor = await getInvoiceCloseCursor();
  const months = monthsToClose(closeCursor ? new Date(closeCursor.nextMonth) : undefined, new Date(cursor.meteredUntil));
  let invoicesWritten = 0;
  const minutes = cursor.periodMinutes ?? meteringPeriodMinutes();
  for (const month of months) {
    invoicesWritten += (await close(month, nextMonth(month), minutes)).invoicesWritten;
    await moveCursorForward(keys.invoiceCloseCursor(), 'invoiceCloseCursor', 'nextMonth', nextMonth(month).toISOString());
  }
  return { months: months.map((m) => m.toISOString()), invoicesWritten };
}

/** A DRAFT invoice priced again from its period's usage now, at the unit amounts it was closed with. */
async function repriceDraft(subscriptionId: string, periodStart: string): Promise<boolean> {
  return withRetry(async () => {
    const current = await getInvoice(subscriptionId, periodStart);
    if (!current || current.invoiceStatus !== 'DRAFT') return false;
    const prices: UnitPrices = { currency: current.currency, amounts: Object.fromEntries(current.lines.map((l) => [l.dimension, l.unitAmount])) };
    const usage = await usageOf({ kind: 'subscription', subscriptionId }, new Date(current.periodStart), new Date(current.periodEnd));
    const priced = priceUsage(usage, prices);
    // By content: the stored lines come back with their keys in another order.
    if (priced.total === current.totalAmount && canonicalJson(priced.lines) === canonicalJson(current.lines)) return false;
    const next = advance(current, { ...current, lines: priced.lines, totalAmountWithoutTax: priced.total, taxAmount: 0, totalAmount: priced.total });
    await commit({ puts: [{ item: next, expectVersion: current.version }] });
    return true;
  });
}

/**
 * After a backfill (`npm run meter`): the DRAFT invoices whose billing period overlaps [from, to) are priced
 * again from the recomputed usage, at the unit amounts they were closed with; number, id and dates stay. (A
 * subscription left with no usage at all in the month keeps its invoice as it was: no month sum names it.)
 */
export async function refreshDraftInvoices(range: { from: Date; to: Date }): Promise<{ invoices: number; changed: number }> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  let invoices = 0;
  let changed = 0;
  for (let month = monthStart(range.from); month < range.to; month = nextMonth(month)) {
    for await (const page of subscriptionSumsListed('M', month.toISOString())) {
      for (const sum of page) {
        if (sum.scope.kind !== 'subscription') continue;
        const subscriptionId = sum.scope.subscriptionId;
        for (const invoice of await invoicesOfSubscription(subscriptionId, month.toISOString(), nextMonth(month).toISOString())) {
          if (invoice.invoiceStatus !== 'DRAFT' || invoice.periodEnd <= from || invoice.periodStart >= to) continue;
          invoices += 1;
          if (await repriceDraft(subscriptionId, invoice.periodStart)) changed += 1;
        }
      }
    }
  }
  return { invoices, changed };
}
