import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListInvoicesQuery, ListInvoicesResult } from '#shared/schemas/invoice.ts';
import { listInvoices } from '#shared/use-cases/invoices/list.ts';

export const operation = defineOperation({
  operationId: 'ListInvoices',
  group: 'invoice-api',
  method: 'GET',
  path: '/2022-09-01-00/invoice',
  access: 'read',
  summary: "The provider org's invoices: its services' subscriptions, every customer, newest first",
  query: ListInvoicesQuery,
  response: ListInvoicesResult,
  run: ({ caller, query }) => listInvoices(caller, query),
});

export const handler = lambdaHandler(operation);
