/**
 * The invoice lists (docs/operations.md, "Invoices"), newest first, a page of INVOICE_PAGE with a
 * `nextPageToken` when more exist (an extension: the reference's result has no token). A customer reads its
 * own invoices from the provider its token names; a provider token reads its services' invoices, every
 * customer's (as the usage reads answer a provider its services' usage).
 */
import type { Caller } from '#shared/auth/caller.ts';
import { invoicesOfCustomer, invoicesOfProvider, type InvoiceItem } from '#shared/data/entities/invoice.ts';
import type { Page } from '#shared/data/store.ts';
import { INVOICE_PAGE, invoiceView } from '#shared/domain/invoice.ts';

const answer = (page: Page<InvoiceItem>) => ({ invoices: page.items.map(invoiceView), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });

export async function listConsumptionInvoices(caller: Caller, query: { nextPageToken?: string }) {
  const page = { limit: INVOICE_PAGE, pageToken: query.nextPageToken };
  if (caller.customer) return answer(await invoicesOfCustomer(caller.orgId, caller.customer.providerOrgId, page));
  return answer(await invoicesOfProvider(caller.orgId, page));
}

/** The provider org's invoices: those of its services' subscriptions, all customers. */
export async function listInvoices(caller: Caller, query: { nextPageToken?: string }) {
  return answer(await invoicesOfProvider(caller.orgId, { limit: INVOICE_PAGE, pageToken: query.nextPageToken }));
}
