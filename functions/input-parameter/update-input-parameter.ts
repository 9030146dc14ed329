import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ParameterParams, UpdateInputParameterRequest } from '#shared/schemas/input-parameter.ts';
import { updateInputParameter } from '#shared/use-cases/input-parameter.ts';

export const operation = defineOperation({
  operationId: 'UpdateInputParameter',
  group: 'input-parameter-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/input-parameter/{id}',
  access: 'write',
  summary: 'Change an input parameter (key and type stay)',
  params: ParameterParams,
  body: UpdateInputParameterRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => updateInputParameter(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
