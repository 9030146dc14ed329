/**
 * Invoice rules (docs/operations.md, "Invoices"): the billing periods a close prices, an invoice's number,
 * dates and totals, and its wire view.
 */
import type { z } from 'zod';
import type { InvoiceItem } from '#shared/data/entities/invoice.ts';
import type { SubscriptionItem } from '#shared/data/entities/subscription.ts';
import type { Invoice } from '#shared/schemas/invoice.ts';
import { monthStart, nextMonth, periodFloor } from '#shared/domain/metering.ts';
import { ownPriceFrom } from '#shared/domain/pricing.ts';
import { BadRequest } from '#shared/errors.ts';

export const PAYMENT_TERMS = 'Net 30';
export const PAYMENT_DAYS = 30;
/** Invoices a list answers per page (the largest page: docs/limits.md). */
export const INVOICE_PAGE = 100;

export const invoiceNumber = (n: number): string => `INV-${String(n).padStart(6, '0')}`;
export const dueDate = (invoiceDate: Date): Date => new Date(invoiceDate.getTime() + PAYMENT_DAYS * 86_400_000);

/** A month as `YYYY-MM` → its start (UTC). */
export function parseMonth(raw: string): Date {
  const m = /^(\d{4})-(\d{2})$/.exec(raw.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new BadRequest('--month must be a month, e.g. 2026-11');
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/**
 * The billing periods of [from, to) for a subscription: one, unless its own price takes over inside the
 * window, which then ends the first period at the first metering period starting at or after the
 * effective date (a period's usage record is priced whole, at the price of the period it starts in).
 */
export function billingPeriods(
  sub: Pick<SubscriptionItem, 'inheritServicePlanPrice' | 'priceEffectiveDate'>,
  from: Date,
  to: Date,
  periodMinutes: number,
): { from: Date; to: Date }[] {
  const own = ownPriceFrom(sub);
  if (own && own > from && own < to) {
    const floor = periodFloor(own, periodMinutes);
    const cut = floor < own ? new Date(floor.getTime() + periodMinutes * 60_000) : floor;
    if (cut > from && cut < to) return [{ from, to: cut }, { from: cut, to }];
  }
  return [{ from, to }];
}

/**
 * The months the close job closes at a cursor: from `next` (the first month not closed yet; a fresh stack:
 * the last ended month) through the last month that ended by `meteredUntil`, oldest first.
 */
export function monthsToClose(next: Date | undefined, meteredUntil: Date): Date[] {
  const lastEnded = monthStart(new Date(monthStart(meteredUntil).getTime() - 1));
  const out: Date[] = [];
  for (let m = next ?? lastEnded; nextMonth(m) <= meteredUntil; m = nextMonth(m)) out.push(m);
  return out;
}

export function invoiceView(i: InvoiceItem): z.input<typeof Invoice> {
  return {
    invoiceId: i.invoiceId,
    invoiceNumber: i.invoiceNumber,
    invoiceDate: i.invoiceDate,
    dueDate: i.dueDate,
    paymentTerms: i.paymentTerms,
    currency: i.currency,
    totalAmountWithoutTax: i.totalAmountWithoutTax,
    taxAmount: i.taxAmount,
    totalAmount: i.totalAmount,
    invoiceStatus: i.invoiceStatus,
    // No payment provider is wired: there is no hosted invoice or PDF to link to.
    invoiceUrl: '',
    invoicePdf: '',
  };
}
