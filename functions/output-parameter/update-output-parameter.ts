import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ParameterParams, UpdateOutputParameterRequest } from '#shared/schemas/output-parameter.ts';
import { updateOutputParameter } from '#shared/use-cases/output-parameter.ts';

export const operation = defineOperation({
  operationId: 'UpdateOutputParameter',
  group: 'output-parameter-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/output-parameter/{id}',
  access: 'write',
  summary: 'Change an output parameter (the key stays)',
  params: ParameterParams,
  body: UpdateOutputParameterRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => updateOutputParameter(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
