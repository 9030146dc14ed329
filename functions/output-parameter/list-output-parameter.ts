import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { VersionQuery } from '#shared/schemas/resource.ts';
import { ListOutputParametersResult, ResourceParameterParams } from '#shared/schemas/output-parameter.ts';
import { describeOutputParameter, listOutputParameters } from '#shared/data/repositories/parameters.ts';

export const operation = defineOperation({
  operationId: 'ListOutputParameter',
  group: 'output-parameter-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{resourceId}/output-parameter',
  access: 'read',
  summary: 'List the output parameters of a resource',
  params: ResourceParameterParams,
  query: VersionQuery,
  response: ListOutputParametersResult,
  run: async ({ params, caller }) => {
    const items = await listOutputParameters(caller.orgId, params.serviceId, params.resourceId);
    return { ids: items.map((p) => p.parameterId), outputParameters: items.map(describeOutputParameter) };
  },
});

export const handler = lambdaHandler(operation);
