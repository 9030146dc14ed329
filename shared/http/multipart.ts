/**
 * A small multipart/form-data reader for file uploads (AddFile, UpdateFileContent). API Gateway hands the
 * body over whole (base64), so parsing a buffer is enough: no streaming. Errors are 400s.
 */
import { BadRequest } from '#shared/errors.ts';

export interface MultipartPart {
  /** The `name` of the form field. */
  name?: string;
  filename?: string;
  /** The part's own Content-Type, when it declares one. */
  contentType?: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary from a `multipart/…; boundary=…` content type, or a 400. */
export function multipartBoundary(contentType: string | undefined): string {
  const ct = contentType ?? '';
  if (!/^multipart\/[^;]+/i.test(ct.trim())) throw new BadRequest('Content-Type must be multipart/form-data with a boundary');
  const m = /;\s*boundary=(?:"([^"]+)"|([^;]+))/i.exec(ct);
  const boundary = (m?.[1] ?? m?.[2] ?? '').trim();
  if (!boundary) throw new BadRequest('Content-Type must declare a multipart boundary');
  return boundary;
}

function headerParam(value: string, param: string): string | undefined {
  const m = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
}

/** Splits a multipart body into its parts. */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new BadRequest('multipart body has no part with the declared boundary');
  for (;;) {
    pos += delimiter.length;
    // The closing delimiter is `--boundary--`.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip the line break after the delimiter (CRLF, or a bare LF from lenient clients).
    if (body[pos] === 0x0d) pos++;
    if (body[pos] === 0x0a) pos++;
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw new BadRequest('multipart body is not terminated');
    let end = next;
    // The line break before the next delimiter belongs to the delimiter.
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    parts.push(parsePart(body.subarray(pos, Math.max(pos, end))));
    pos = next;
  }
  return parts;
}

function parsePart(raw: Buffer): MultipartPart {
  // A part without headers starts with the blank line.
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { headers: {}, body: Buffer.from(raw.subarray(2)) };
  if (raw[0] === 0x0a) return { headers: {}, body: Buffer.from(raw.subarray(1)) };
  let split = raw.indexOf('\r\n\r\n');
  let sepLength = 4;
  if (split < 0) {
    split = raw.indexOf('\n\n');
    sepLength = 2;
  }
  if (split < 0) throw new BadRequest('multipart part has no header block');
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, split).toString('utf8').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const disposition = headers['content-disposition'] ?? '';
  return {
    name: headerParam(disposition, 'name'),
    filename: headerParam(disposition, 'filename'),
    contentType: headers['content-type'],
    headers,
    body: Buffer.from(raw.subarray(split + sepLength)),
  };
}

/** The uploaded file: the part named `file`, else the first part carrying a filename, else the only part. */
export function uploadedFile(parts: MultipartPart[]): MultipartPart {
  const file = parts.find((p) => p.name === 'file') ?? parts.find((p) => p.filename !== undefined) ?? (parts.length === 1 ? parts[0] : undefined);
  if (!file) throw new BadRequest('multipart body carries no file part');
  return file;
}
