/**
 * Prices (docs/operations.md, "Invoices"): a tier's or a subscription's `pricePerUnit` maps a metering
 * dimension to `{amount, currency}`, e.g. `{"Replica hours": {"amount": 0.05, "currency": "USD"}}`. An entry
 * named by one of the four dimensions (DIMENSIONS) is a price and is validated; any other key is stored as
 * given and prices nothing. Which price a billing period uses, and how an invoice's amounts are rounded.
 */
import type { UsageFigures } from '#shared/data/entities/metering.ts';
import type { InvoiceLine } from '#shared/data/entities/invoice.ts';
import { DIMENSIONS } from '#shared/domain/metering.ts';

export type Dimension = (typeof DIMENSIONS)[number][0];

/** What is wrong with a pricePerUnit, each with the path below `pricePerUnit` it names. */
export interface PriceProblem {
  path: string[];
  message: string;
}

/** What a price decision reads of a subscription (its Fleet billing fields) and of its tier. */
export interface SubscriptionPrice {
  inheritServicePlanPrice: boolean;
  priceEffectiveDate: string;
  pricePerUnit: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problems of a pricePerUnit's priced entries: amount finite ≥ 0, currency three upper-case letters, one currency. */
export function pricePerUnitProblems(value: Record<string, unknown>): PriceProblem[] {
  const problems: PriceProblem[] = [];
  const currencies = new Set<string>();
  for (const [dimension] of DIMENSIONS) {
    if (!(dimension in value)) continue;
    const entry = value[dimension];
    if (!isObject(entry)) {
      problems.push({ path: [dimension], message: 'must be an object {amount, currency}' });
      continue;
    }
    if (typeof entry.amount !== 'number' || !Number.isFinite(entry.amount) || entry.amount < 0) {
      problems.push({ path: [dimension, 'amount'], message: 'must be a finite number ≥ 0' });
    }
    if (typeof entry.currency !== 'string' || !/^[A-Z]{3}$/.test(entry.currency)) {
      problems.push({ path: [dimension, 'currency'], message: 'must be a three-letter upper-case currency code, e.g. USD' });
    } else currencies.add(entry.currency);
  }
  if (currencies.size > 1) problems.push({ path: [], message: `priced dimensions must share one currency (found ${[...currencies].sort().join(', ')})` });
  return problems;
}

/** The unit prices of a pricePerUnit: undefined when it prices no dimension (stored values were validated on write). */
export interface UnitPrices {
  currency: string;
  amounts: Partial<Record<Dimension, number>>;
}

export function unitPrices(pricePerUnit: Record<string, unknown> | undefined): UnitPrices | undefined {
  const amounts: Partial<Record<Dimension, number>> = {};
  let currency: string | undefined;
  for (const [dimension] of DIMENSIONS) {
    const entry = pricePerUnit?.[dimension];
    if (!isObject(entry) || typeof entry.amount !== 'number' || !Number.isFinite(entry.amount) || entry.amount < 0 || typeof entry.currency !== 'string') continue;
    currency ??= entry.currency;
    if (entry.currency !== currency) continue;
    amounts[dimension] = entry.amount;
  }
  return currency ? { currency, amounts } : undefined;
}

/**
 * When a subscription's own price takes over from its tier's: never while it inherits the plan's price;
 * otherwise from `priceEffectiveDate` (an instant; empty or unparseable: from the start).
 */
export function ownPriceFrom(sub: Pick<SubscriptionPrice, 'inheritServicePlanPrice' | 'priceEffectiveDate'>): Date | undefined {
  if (sub.inheritServicePlanPrice !== false) return undefined;
  const t = Date.parse(sub.priceEffectiveDate ?? '');
  return Number.isFinite(t) ? new Date(t) : new Date(0);
}

/**
 * The price of a billing period that starts at `from`: the subscription's own once it applies (it replaces
 * the tier's entirely: an own price that prices no dimension bills nothing), else the tier's.
 */
export function priceAt(
  sub: SubscriptionPrice,
  tier: Pick<SubscriptionPrice, 'pricePerUnit'> | undefined,
  from: Date,
): (UnitPrices & { source: 'productTier' | 'subscription' }) | undefined {
  const own = ownPriceFrom(sub);
  const prices = own && own <= from ? unitPrices(sub.pricePerUnit) : unitPrices(tier?.pricePerUnit);
  return prices && { ...prices, source: own && own <= from ? 'subscription' : 'productTier' };
}

const micro = (n: number) => Math.round(n * 1e6) / 1e6;
/** To the cent: every currency is rounded to two decimals (documented). */
export const toCents = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/**
 * The lines and total of a usage at unit prices: a line per priced dimension; the total is the exact sum of
 * quantity × unit amount, rounded once to the cent (the lines keep 1e-6, so they may not add up to the cent).
 */
export function priceUsage(usage: UsageFigures, prices: UnitPrices): { lines: InvoiceLine[]; total: number; used: boolean } {
  const lines: InvoiceLine[] = [];
  let exact = 0;
  let used = false;
  for (const [dimension, field] of DIMENSIONS) {
    const unitAmount = prices.amounts[dimension];
    if (unitAmount === undefined) continue;
    const quantity = usage[field];
    if (quantity > 0) used = true;
    exact += quantity * unitAmount;
    lines.push({ dimension, quantity, unitAmount, amount: micro(quantity * unitAmount) });
  }
  return { lines, total: toCents(exact), used };
}
