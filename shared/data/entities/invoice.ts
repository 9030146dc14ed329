/**
 * Invoices (docs/operations.md, "Invoices"): one per (subscription, billing period start), written by the
 * month close with the provider's invoice counter advanced in the same commit; listed newest first under the
 * customer org (per provider) and under the provider org. The close job's cursor: the next month to close.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, type Page, type Stored } from '#shared/data/store.ts';

/** One priced dimension of an invoice: the usage, its unit amount, and their product (rounded to 1e-6). */
export interface InvoiceLine {
  dimension: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

export interface InvoiceItem extends Stored {
  entity: 'invoice';
  invoiceId: string;
  /** Sequential per provider (`INV-000001`, …): the provider's counter when it was written. */
  invoiceNumber: string;
  sequence: number;
  subscriptionId: string;
  providerOrgId: string;
  customerOrgId: string;
  serviceId: string;
  productTierId: string;
  /** The billing period [periodStart, periodEnd). */
  periodStart: string;
  periodEnd: string;
  /** The close: the end of the billing period. */
  invoiceDate: string;
  dueDate: string;
  paymentTerms: string;
  currency: string;
  /** Whose price it was billed at. */
  priceSource: 'productTier' | 'subscription';
  lines: InvoiceLine[];
  totalAmountWithoutTax: number;
  taxAmount: number;
  totalAmount: number;
  invoiceStatus: 'DRAFT';
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

export interface InvoiceCounterItem extends Stored {
  entity: 'invoiceCounter';
  providerOrgId: string;
  /** The last number given (0: none yet). */
  lastNumber: number;
}

export interface InvoiceCloseCursorItem extends Stored {
  entity: 'invoiceCloseCursor';
  /** The start of the next UTC month the close job has to close (ISO). */
  nextMonth: string;
}

export const getInvoice = (subscriptionId: string, periodStart: string) => getItem<InvoiceItem>(keys.invoice(subscriptionId, periodStart));
export const getInvoiceCounter = (providerOrgId: string) => getItem<InvoiceCounterItem>(keys.invoiceCounter(providerOrgId));
export const getInvoiceCloseCursor = () => getItem<InvoiceCloseCursorItem>(keys.invoiceCloseCursor());

/** The invoices of a subscription whose period starts in [from, to), oldest first (a month's: a handful). */
export async function invoicesOfSubscription(subscriptionId: string, from: string, to: string): Promise<InvoiceItem[]> {
  const items = await queryAll<InvoiceItem>(keys.invoicesOfSubscription(subscriptionId, from, to));
  return items.filter((i) => i.entity === 'invoice' && i.periodStart < to);
}

/** One page of a customer org's invoices from one provider, newest first. */
export async function invoicesOfCustomer(customerOrgId: string, providerOrgId: string, page: { limit: number; pageToken?: string }): Promise<Page<InvoiceItem>> {
  const out = await queryPage<InvoiceItem>({ ...keys.invoicesOfCustomer(customerOrgId, providerOrgId), ...page, descending: true });
  return { ...out, items: out.items.filter((i) => i.entity === 'invoice') };
}

/** One page of a provider org's invoices (every customer's), newest first. */
export async function invoicesOfProvider(providerOrgId: string, page: { limit: number; pageToken?: string }): Promise<Page<InvoiceItem>> {
  const out = await queryPage<InvoiceItem>({ ...keys.invoicesOfProvider(providerOrgId), ...page, descending: true });
  return { ...out, items: out.items.filter((i) => i.entity === 'invoice') };
}
