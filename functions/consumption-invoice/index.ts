import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the consumption-invoice-api group; one import and one entry per endpoint module.
import * as listConsumptionInvoices from './list-consumption-invoices.ts';

export const operations: readonly AnyOperation[] = [listConsumptionInvoices.operation];
