/**
 * Wire schemas of invoice-api and consumption-invoice-api (names follow the reference; descriptions are our
 * own), and the pricePerUnit schema every tier and subscription write shares (docs/operations.md, "Invoices").
 */
import { z } from 'zod';
import { freeForm } from '#shared/schemas/common.ts';
import { optionalQuery } from '#shared/schemas/subscription.ts';
import { pricePerUnitProblems } from '#shared/domain/pricing.ts';

/**
 * A pricePerUnit: a bounded JSON object whose entries named by a metering dimension (`CPU core hours`,
 * `Memory GiB hours`, `Storage GiB hours`, `Replica hours`) are prices `{amount, currency}`, all in one
 * currency; other keys are stored as given and price nothing.
 */
export const PricePerUnit = (maxBytes: number) =>
  freeForm(maxBytes)
    .superRefine((value, ctx) => {
      for (const p of pricePerUnitProblems(value)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
    })
    .meta({ description: 'Dimension → {amount, currency} (e.g. "Replica hours": {"amount": 0.05, "currency": "USD"}); other keys are stored, not priced.' });

export const Invoice = z
  .object({
    invoiceId: z.string(),
    invoiceNumber: z.string().meta({ description: 'Sequential per provider: INV-000001, INV-000002, …' }),
    invoiceDate: z.string().meta({ description: 'The close: the end of the billing period.' }),
    dueDate: z.string(),
    paymentTerms: z.string(),
    currency: z.string(),
    totalAmountWithoutTax: z.number().meta({ description: 'Σ usage × unit price over the priced dimensions, rounded once to the cent.' }),
    taxAmount: z.number(),
    totalAmount: z.number(),
    invoiceStatus: z.string().meta({ description: 'DRAFT: no payment provider is wired.' }),
    invoiceUrl: z.string().meta({ description: 'Empty: no payment provider hosts the invoice.' }),
    invoicePdf: z.string().meta({ description: 'Empty: no payment provider renders a PDF.' }),
  })
  .meta({ id: 'Invoice' });

export const ListInvoicesResult = z
  .object({
    invoices: z.array(Invoice),
    nextPageToken: z.string().optional().meta({ description: 'Extension: present when more invoices exist; pass it back as the nextPageToken query parameter.' }),
  })
  .meta({ id: 'ListInvoicesResult' });

export const ListInvoicesQuery = z.object({
  nextPageToken: optionalQuery(z.string().max(4096)).meta({ description: 'Extension: the token of the previous page.' }),
});

/** When a subscription's own price takes over (docs/operations.md, "Invoices"): empty, or an RFC 3339 date or date-time. */
export const PriceEffectiveDate = z
  .string()
  .max(64, 'must be at most 64 characters')
  .refine((v) => v.trim() === '' || (/^\d{4}-\d{2}-\d{2}/.test(v.trim()) && Number.isFinite(Date.parse(v.trim()))), {
    message: 'must be empty or an RFC 3339 date or date-time, e.g. 2026-01-01T00:00:00Z',
  });
