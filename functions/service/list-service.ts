import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { ListServiceResult } from '#shared/schemas/service.ts';
import { listService } from '#shared/use-cases/service.ts';

export const operation = defineOperation({
  operationId: 'ListService',
  group: 'service-api',
  method: 'GET',
  path: '/2022-09-01-00/service',
  access: 'read',
  summary: "List the org's services, each fully described",
  query: PageQuery,
  response: ListServiceResult,
  // Clients send no paging parameters and expect every service: the largest page by default.
  run: ({ caller, query }) => listService(caller, query),
});

export const handler = lambdaHandler(operation);
