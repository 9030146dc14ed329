import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileIdResult, ResourceParams } from '#shared/schemas/resource.ts';
import { addFile } from '#shared/data/repositories/files.ts';
import { parseMultipart, uploadedFile } from '#shared/http/multipart.ts';
import { BadRequest } from '#shared/errors.ts';

/** Metadata travels in headers (the body is the multipart upload); header names arrive lower-cased. */
function header(headers: Record<string, string | undefined>, name: string, required: boolean): string {
  const value = headers[name.toLowerCase()]?.trim();
  if (!value && required) throw new BadRequest(`header ${name} is required`);
  return value ?? '';
}

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
  run: async ({ params, headers, rawBody, caller }) => {
    const meta = {
      name: header(headers, 'Name', true),
      description: header(headers, 'Description', false),
      type: header(headers, 'FileType', true),
      mountPath: header(headers, 'MountPath', true),
    };
    const file = uploadedFile(parseMultipart(rawBody ?? Buffer.alloc(0), headers['content-type']));
    const item = await addFile(caller, params.serviceId, params.id, meta, { body: file.body, contentType: file.contentType });
    return item.fileId;
  },
});

export const handler = lambdaHandler(operation);
