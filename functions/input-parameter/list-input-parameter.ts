import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { VersionQuery } from '#shared/schemas/resource.ts';
import { ListInputParametersResult, ResourceParameterParams } from '#shared/schemas/input-parameter.ts';
import { describeInputParameter, listInputParameters } from '#shared/data/repositories/parameters.ts';

export const operation = defineOperation({
  operationId: 'ListInputParameter',
  group: 'input-parameter-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{resourceId}/input-parameter',
  access: 'read',
  summary: 'List the input parameters of a resource',
  params: ResourceParameterParams,
  query: VersionQuery,
  response: ListInputParametersResult,
  run: async ({ params, caller }) => {
    const items = await listInputParameters(caller.orgId, params.serviceId, params.resourceId);
    return { ids: items.map((p) => p.parameterId), inputParameters: items.map(describeInputParameter) };
  },
});

export const handler = lambdaHandler(operation);
