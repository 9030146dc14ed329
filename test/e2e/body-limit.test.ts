/**
 * API Gateway refuses bodies over 10 MiB; the local server answers the same way: a 413 with a goa body that
 * the client actually reads (the upload is drained first, so no connection reset under it).
 */
import { describe, expect, inject, it } from 'vitest';
import { API, http } from '../support/http.ts';

const MiB = 1024 * 1024;

describe('request body limit (10 MiB)', () => {
  it('answers a 12 MB upload with 413 request_too_large', async () => {
    const res = await http('POST', `${API}/service`, {
      rawBody: Buffer.alloc(12 * 1000 * 1000, 'a'),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json).toMatchObject({ name: 'request_too_large', temporary: false, timeout: false, fault: false });
    expect(res.json.message).toMatch(/10 MiB/);
    expect(typeof res.json.id).toBe('string');
  });

  it('answers 413 to a chunked upload without a content-length, too', async () => {
    const chunk = new Uint8Array(MiB).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${inject('baseUrl')}${API}/service`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { name: string }).name).toBe('request_too_large');
  });

  it('still takes a body just under the limit to the handler', async () => {
    // Unauthenticated, so the handler answers 401, which proves the body got through the server.
    const res = await http('POST', `${API}/service`, {
      rawBody: Buffer.alloc(10 * MiB - 1024, 'a'),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).not.toBe(413);
    expect(res.json?.name).toBeDefined();
  });
});
