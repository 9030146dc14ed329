import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ParameterParams } from '#shared/schemas/output-parameter.ts';
import { deleteOutputParameter } from '#shared/use-cases/output-parameter.ts';

export const operation = defineOperation({
  operationId: 'DeleteOutputParameter',
  group: 'output-parameter-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/output-parameter/{id}',
  access: 'write',
  summary: 'Delete an output parameter',
  params: ParameterParams,
  permissions: ['table:write'],
  run: ({ params, caller }) => deleteOutputParameter(caller, params.serviceId, params.id),
});

export const handler = lambdaHandler(operation);
