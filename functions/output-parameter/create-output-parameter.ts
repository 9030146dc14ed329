import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceParams } from '#shared/schemas/resource.ts';
import { CreateOutputParameterRequest, OutputParameterIdResult } from '#shared/schemas/output-parameter.ts';
import { createOutputParameter } from '#shared/use-cases/output-parameter.ts';

export const operation = defineOperation({
  operationId: 'CreateOutputParameter',
  group: 'output-parameter-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/output-parameter',
  access: 'write',
  summary: 'Add an output parameter (a value an instance reports back) to a resource',
  description: 'The key is unique within the resource; the value expression is stored as given.',
  params: ServiceParams,
  body: CreateOutputParameterRequest,
  response: OutputParameterIdResult,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => createOutputParameter(caller, params.serviceId, body),
});

export const handler = lambdaHandler(operation);
