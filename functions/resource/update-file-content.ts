import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileParams } from '#shared/schemas/resource.ts';
import { updateFileContent } from '#shared/data/repositories/files.ts';
import { parseMultipart, uploadedFile } from '#shared/http/multipart.ts';

export const operation = defineOperation({
  operationId: 'UpdateFileContent',
  group: 'resource-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file/{fileId}/content',
  access: 'write',
  summary: 'Replace the content of a configuration file (multipart/form-data, at most 1 MiB)',
  params: FileParams,
  body: 'raw',
  permissions: ['table:write', 'blob:write'],
  run: async ({ params, headers, rawBody, caller }) => {
    const file = uploadedFile(parseMultipart(rawBody ?? Buffer.alloc(0), headers['content-type']));
    await updateFileContent(caller, params.serviceId, params.id, params.fileId, { body: file.body, contentType: file.contentType });
  },
});

export const handler = lambdaHandler(operation);
