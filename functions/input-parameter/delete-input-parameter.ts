import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ParameterParams } from '#shared/schemas/input-parameter.ts';
import { deleteInputParameter } from '#shared/use-cases/input-parameter.ts';

export const operation = defineOperation({
  operationId: 'DeleteInputParameter',
  group: 'input-parameter-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/input-parameter/{id}',
  access: 'write',
  summary: 'Delete an input parameter',
  params: ParameterParams,
  permissions: ['table:write'],
  run: ({ params, caller }) => deleteInputParameter(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
