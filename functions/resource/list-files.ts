import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileQuery, ListFilesResult, ResourceParams } from '#shared/schemas/resource.ts';
import { listFiles } from '#shared/use-cases/resource/file.ts';

export const operation = defineOperation({
  operationId: 'ListFiles',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file',
  access: 'read',
  summary: 'List the configuration files of a resource',
  params: ResourceParams,
  query: FileQuery,
  response: ListFilesResult,
  run: ({ params, query, caller }) =>
    listFiles(caller, params.serviceId, params.id, { version: query.productTierVersion, productTierId: query.productTierId }),
});

export const handler = lambdaHandler(operation);
