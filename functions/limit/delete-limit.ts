import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { LimitParams } from '#shared/schemas/limit.ts';
import { deleteLimit } from '#shared/use-cases/limit.ts';

export const operation = defineOperation({
  operationId: 'DeleteLimit',
  group: 'limit-api',
  method: 'DELETE',
  path: '/2022-09-01-00/limit/family/{family}/key/{key}',
  access: 'admin',
  summary: "Drop the org's own value of a limit: the documented default applies again",
  params: LimitParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteLimit(caller, params.family, params.key),
});

export const handler = lambdaHandler(operation);
