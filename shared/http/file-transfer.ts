/**
 * The HTTP side of configuration files: metadata from the upload's headers, the file part of a multipart body,
 * and a download's Content-Disposition (RFC 6266 with the RFC 5987 `filename*` for names outside ASCII).
 */
import { BadRequest } from '#shared/errors.ts';
import { LIMITS } from '#shared/schemas/common.ts';
import { parseMultipart, uploadedFile } from '#shared/http/multipart.ts';

type Headers = Record<string, string | undefined>;

/** Header bounds, as for the JSON metadata fields (docs/limits.md). */
const HEADER_LIMITS = { Name: LIMITS.name, Description: LIMITS.description, FileType: LIMITS.name, MountPath: 1024 } as const;

/** Metadata travels in headers (the body is the multipart upload); header names arrive lower-cased. */
function header(headers: Headers, name: keyof typeof HEADER_LIMITS, required: boolean): string {
  const value = headers[name.toLowerCase()]?.trim();
  if (!value && required) throw new BadRequest(`header ${name} is required`);
  if (value && value.length > HEADER_LIMITS[name]) throw new BadRequest(`header ${name} must be at most ${HEADER_LIMITS[name]} characters`);
  return value ?? '';
}

export function fileMetadataFromHeaders(headers: Headers) {
  return {
    name: header(headers, 'Name', true),
    description: header(headers, 'Description', false),
    type: header(headers, 'FileType', true),
    mountPath: header(headers, 'MountPath', true),
  };
}

/** The uploaded file of a multipart body. */
export function uploadedContent(headers: Headers, rawBody: Buffer | undefined): { body: Buffer; contentType?: string } {
  const file = uploadedFile(parseMultipart(rawBody ?? Buffer.alloc(0), headers['content-type']));
  // The type is sent back as a header on download: only a plain printable-ASCII media type is kept.
  const contentType = file.contentType && /^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(file.contentType) ? file.contentType : undefined;
  return { body: file.body, contentType };
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`: header values must be
 * Latin-1, so a name like `配置.conf` goes in the extended parameter and an ASCII stand-in in the plain one.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A download answer. */
export function download(file: { name: string; contentType: string; body: Buffer }) {
  return { kind: 'raw' as const, contentType: file.contentType, body: file.body, headers: { 'content-disposition': attachmentDisposition(file.name) } };
}
