import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileIdResult, ResourceParams } from '#shared/schemas/resource.ts';
import { addFile } from '#shared/use-cases/resource/file.ts';
import { fileMetadataFromHeaders, uploadedContent } from '#shared/http/file-transfer.ts';

export const operation = defineOperation({
  operationId: 'AddFile',
  group: 'resource-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file',
  access: 'write',
  summary: 'Upload a configuration file mounted into a resource (multipart/form-data, at most 1 MiB)',
  description: 'Metadata comes in the Name, Description, FileType and MountPath headers; the mount path is unique within the resource.',
  params: ResourceParams,
  body: 'raw',
  response: FileIdResult,
  permissions: ['table:write', 'blob:write'],
  run: ({ params, headers, rawBody, caller }) =>
    addFile(caller, params.serviceId, params.id, fileMetadataFromHeaders(headers), uploadedContent(headers, rawBody)),
});

export const handler = lambdaHandler(operation);
