import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { LimitParams, UpdateLimitRequest } from '#shared/schemas/limit.ts';
import { updateLimit } from '#shared/use-cases/limit.ts';

export const operation = defineOperation({
  operationId: 'UpdateLimit',
  group: 'limit-api',
  method: 'PATCH',
  path: '/2022-09-01-00/limit/family/{family}/key/{key}',
  access: 'admin',
  summary: "Set the org's own value of a modifiable limit (not below what the org already uses)",
  params: LimitParams,
  body: UpdateLimitRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateLimit(caller, params.family, params.key, body),
});

export const handler = lambdaHandler(operation);
