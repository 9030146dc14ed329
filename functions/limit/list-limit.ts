import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ListLimitQuery, ListLimitRequest, ListLimitResult } from '#shared/schemas/limit.ts';
import { listLimit } from '#shared/use-cases/limit.ts';

export const operation = defineOperation({
  operationId: 'ListLimit',
  group: 'limit-api',
  method: 'GET',
  path: '/2022-09-01-00/limit',
  access: 'read',
  summary: "List the keys of a limit family (the family in the query or the body; every family's when absent)",
  query: ListLimitQuery,
  body: ListLimitRequest,
  response: ListLimitResult,
  run: ({ caller, query, body }) => listLimit(caller, query.family ?? body?.family),
});

export const handler = lambdaHandler(operation);
