import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceParams } from '#shared/schemas/resource.ts';
import { CreateInputParameterRequest, InputParameterIdResult } from '#shared/schemas/input-parameter.ts';
import { createInputParameter } from '#shared/use-cases/input-parameter.ts';

export const operation = defineOperation({
  operationId: 'CreateInputParameter',
  group: 'input-parameter-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/input-parameter',
  access: 'write',
  summary: 'Add an input parameter (a value customers set when creating an instance) to a resource',
  description: 'The key is unique within the resource; defaultValue must fit the type, the options and the limits.',
  params: ServiceParams,
  body: CreateInputParameterRequest,
  response: InputParameterIdResult,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => createInputParameter(caller, params.serviceId, body),
});

export const handler = lambdaHandler(operation);
