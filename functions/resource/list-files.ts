import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileQuery, ListFilesResult, ResourceParams } from '#shared/schemas/resource.ts';
import { describeFile, listFiles } from '#shared/data/repositories/files.ts';

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
  run: async ({ params, caller }) => ({ files: (await listFiles(caller.orgId, params.serviceId, params.id)).map(describeFile) }),
});

export const handler = lambdaHandler(operation);
