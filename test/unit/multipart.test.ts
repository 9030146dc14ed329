import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart, uploadedFile } from '#shared/http/multipart.ts';

const CT = 'multipart/form-data; boundary=XyZ';

function body(parts: string[], boundary = 'XyZ'): Buffer {
  return Buffer.from(parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`);
}

describe('multipart reader', () => {
  it('reads the boundary, quoted or not, and refuses other content types', () => {
    expect(multipartBoundary(CT)).toBe('XyZ');
    expect(multipartBoundary('multipart/form-data; boundary="a b"; charset=utf-8')).toBe('a b');
    expect(() => multipartBoundary('application/json')).toThrow('multipart/form-data');
    expect(() => multipartBoundary('multipart/form-data')).toThrow('boundary');
    expect(() => multipartBoundary(undefined)).toThrow();
  });

  it('splits parts with their names, filenames, content types and exact bytes', () => {
    const parts = parseMultipart(
      body([
        'Content-Disposition: form-data; name="note"\r\n\r\nhello',
        'Content-Disposition: form-data; name="file"; filename="app.conf"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n',
      ]),
      CT,
    );
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ name: 'note', filename: undefined });
    expect(parts[0].body.toString()).toBe('hello');
    expect(parts[1]).toMatchObject({ name: 'file', filename: 'app.conf', contentType: 'text/plain' });
    // Line breaks inside the content are kept; only the one before the delimiter belongs to it.
    expect(parts[1].body.toString()).toBe('line1\r\nline2\r\n');
    expect(uploadedFile(parts)).toBe(parts[1]);
  });

  it('keeps binary content intact', () => {
    const bytes = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x2d, 0x2d, 255, 254]);
    const raw = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="upload"; filename="b.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      bytes,
      Buffer.from('\r\n--XyZ--'),
    ]);
    const [part] = parseMultipart(raw, CT);
    expect(part.body.equals(bytes)).toBe(true);
    expect(uploadedFile([part])).toBe(part);
  });

  it('accepts bare LF line breaks and an empty file', () => {
    const raw = Buffer.from('--XyZ\nContent-Disposition: form-data; name="file"; filename="e"\n\n\n--XyZ--\n');
    const [part] = parseMultipart(raw, CT);
    expect(part.body.length).toBe(0);
  });

  it('refuses malformed bodies with 400s', () => {
    expect(() => parseMultipart(Buffer.from('no parts here'), CT)).toThrow('no part');
    expect(() => parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'), CT)).toThrow('not terminated');
    expect(() => uploadedFile([])).toThrow('no file part');
  });
});
