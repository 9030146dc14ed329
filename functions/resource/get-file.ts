import { z } from 'zod';
import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileParams, FileQuery } from '#shared/schemas/resource.ts';
import { getFile } from '#shared/use-cases/resource/file.ts';
import { download } from '#shared/http/file-transfer.ts';

export const operation = defineOperation({
  operationId: 'GetFile',
  group: 'resource-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file/{fileId}',
  access: 'read',
  summary: 'Download the content of a configuration file',
  params: FileParams,
  query: FileQuery,
  response: z.string().meta({ description: 'The file bytes, with their Content-Length.', format: 'binary' }),
  responseContentType: 'application/octet-stream',
  permissions: ['blob:read'],
  run: async ({ params, query, caller }) =>
    download(await getFile(caller, params.serviceId, params.id, params.fileId, { version: query.productTierVersion, productTierId: query.productTierId })),
});

export const handler = lambdaHandler(operation);
