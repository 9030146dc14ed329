import { z } from 'zod';
import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileParams, FileQuery } from '#shared/schemas/resource.ts';
import { readFileContent } from '#shared/data/repositories/files.ts';

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
  run: async ({ params, caller }) => {
    const { file, body } = await readFileContent(caller.orgId, params.serviceId, params.id, params.fileId);
    return {
      kind: 'raw' as const,
      contentType: file.contentType,
      body,
      headers: { 'content-disposition': `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"` },
    };
  },
});

export const handler = lambdaHandler(operation);
