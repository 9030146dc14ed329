/**
 * Every registered operation, hit with what a careless or hostile caller sends — no token, malformed JSON,
 * wrong types, unknown ids, another org's ids — answers a goa 4xx, never a 5xx.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '#functions/registry.ts';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { http, type HttpResult } from '../support/http.ts';
import { testSession } from '../support/session.ts';

function pathOf(op: OperationDefinition, id: string): string {
  return op.path.replace(/\{(\w+)\}/g, () => id);
}

function expectGoa4xx(op: OperationDefinition, res: HttpResult, what: string) {
  const where = `${op.operationId} (${what}) answered ${res.status}: ${res.text.slice(0, 200)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  expect(res.headers.get('content-type'), where).toBe('application/json');
  expect(Object.keys(res.json ?? {}).sort(), where).toEqual(['fault', 'id', 'message', 'name', 'temporary', 'timeout']);
  expect(res.json.fault, where).toBe(false);
}

// fetch cannot send a body with GET (ListLimit takes one, as the reference says): those are swept by their handler tests.
const withBody = operations.filter((op) => op.body && op.body !== 'raw' && op.method !== 'GET');
const authenticated = operations.filter((op) => op.access !== 'public');
const withIds = operations.filter((op) => op.path.includes('{') && op.access !== 'public');

describe('every operation answers bad input with a goa 4xx', () => {
  it('without a token, every authenticated operation is 401', async () => {
    for (const op of authenticated) {
      const res = await http(op.method, pathOf(op, 'x-1'), { body: op.method === 'GET' ? undefined : {} });
      expectGoa4xx(op, res, 'no token');
      expect(res.status, op.operationId).toBe(401);
    }
  });

  it('malformed JSON and wrongly typed bodies are 400 (or 404 for unknown ids)', async () => {
    const s = await testSession('root');
    for (const op of withBody) {
      const malformed = await http(op.method, pathOf(op, 'x-1'), {
        token: s.token,
        rawBody: '{"oops":',
        headers: { 'content-type': 'application/json' },
      });
      expectGoa4xx(op, malformed, 'malformed JSON');
      const wrongTypes = await http(op.method, pathOf(op, 'x-1'), { token: s.token, body: [1, 2, 3] });
      expectGoa4xx(op, wrongTypes, 'array body');
      const nulls = await http(op.method, pathOf(op, 'x-1'), { token: s.token, body: { name: 42, id: {}, email: false } });
      expectGoa4xx(op, nulls, 'wrong field types');
    }
  });

  it('unknown ids are 4xx for every operation that takes one', async () => {
    const s = await testSession('root');
    for (const op of withIds) {
      const res = await http(op.method, pathOf(op, 'zz-doesnotexist'), { token: s.token, body: op.body ? {} : undefined });
      expectGoa4xx(op, res, 'unknown id');
    }
  });
});
