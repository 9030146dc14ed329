import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListInvoicesQuery, ListInvoicesResult } from '#shared/schemas/invoice.ts';
import { listConsumptionInvoices } from '#shared/use-cases/invoices/list.ts';

export const operation = defineOperation({
  operationId: 'ListConsumptionInvoices',
  group: 'consumption-invoice-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/invoice',
  access: 'consumer',
  summary: "A customer's invoices from the provider its token names (a provider: its services' invoices), newest first",
  query: ListInvoicesQuery,
  response: ListInvoicesResult,
  run: ({ caller, query }) => listConsumptionInvoices(caller, query),
});

export const handler = lambdaHandler(operation);
