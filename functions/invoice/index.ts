import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the invoice-api group; one import and one entry per endpoint module.
import * as listInvoices from './list-invoices.ts';

export const operations: readonly AnyOperation[] = [listInvoices.operation];
