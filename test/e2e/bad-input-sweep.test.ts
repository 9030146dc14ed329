/**
 * The bad-input sweep: every registered operation, hit with what breaks naive handlers — malformed
 * percent-escapes in path ids, oversize strings and arrays, nesting past DynamoDB's 32 levels, unpaired
 * UTF-16 surrogates — answers a goa 4xx, never a 5xx (old clients resend every 5xx, POST included).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operations } from '#functions/registry.ts';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { API, http, type HttpResult } from '../support/http.ts';
import { testSession } from '../support/session.ts';

function expectGoa4xx(op: OperationDefinition, res: HttpResult, what: string) {
  const where = `${op.operationId} (${what}) answered ${res.status}: ${res.text.slice(0, 200)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  expect(res.json?.fault, where).toBe(false);
}

const pathWith = (op: OperationDefinition, id: string) => op.path.replace(/\{(\w+)\}/g, () => id);
/** The top-level keys a JSON body schema names (hostile values go into each). */
const bodyKeys = (op: OperationDefinition): string[] =>
  op.body instanceof z.ZodObject ? Object.keys(op.body.shape) : ['name', 'description'];
const fill = (keys: string[], value: (k: string) => unknown) => Object.fromEntries(keys.map((k) => [k, value(k)]));

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { level: v };
  return v;
}

const withIds = operations.filter((op) => op.path.includes('{'));
// fetch cannot send a body with GET (ListLimit takes one, as the reference says): those are swept by their handler tests.
const withJsonBody = operations.filter((op) => op.body && op.body !== 'raw' && op.method !== 'GET');

describe('bad-input sweep', () => {
  it('a malformed percent-escape in any path id is a 400, public operations included', async () => {
    const s = await testSession('root');
    for (const op of withIds) {
      for (const bad of ['%', '%FF', '%E0%A4%A']) {
        const res = await http(op.method, pathWith(op, bad), { token: s.token, body: op.body && op.body !== 'raw' ? {} : undefined });
        expectGoa4xx(op, res, `id ${bad}`);
        expect(res.status, `${op.operationId} ${bad}`).toBe(400);
        expect(res.json.message, op.operationId).toMatch(/percent-encoded/);
      }
    }
  });

  it('oversize strings, huge arrays, deep nesting and unpaired surrogates in any body field are 4xx', async () => {
    const s = await testSession('root');
    for (const op of withJsonBody) {
      const keys = bodyKeys(op);
      // Past any field bound, and over all fields past DynamoDB's 400 KB item.
      const each = Math.max(32 * 1024, Math.ceil((512 * 1024) / keys.length));
      const hostile: [string, unknown][] = [
        ['oversize strings', fill(keys, () => 'x'.repeat(each))],
        ['huge arrays', fill(keys, () => Array.from({ length: 5_000 }, (_, i) => `v${i}`))],
        ['deep nesting', fill(keys, () => nested(40))],
        ['unpaired surrogates', fill(keys, () => 'name\uD800')],
        ['surrogate keys', fill(keys, () => ({ 'feat\uDC00ure': 'x' }))],
      ];
      for (const [what, body] of hostile) {
        const res = await http(op.method, pathWith(op, 'x-1'), { token: s.token, body });
        expectGoa4xx(op, res, what);
      }
    }
  }, 120_000);

  it('a 450 KB description is a 400 naming the field, not a DynamoDB 500', async () => {
    const s = await testSession('root');
    const res = await http('POST', `${API}/service`, { token: s.token, body: { name: 'Big', description: 'd'.repeat(450 * 1024) } });
    expect(res.status, res.text).toBe(400);
    expect(res.json.message).toContain('body.description');
  });

  it('fields the reference requires are required: a description missing from these creates is a 400 naming it', async () => {
    const s = await testSession('root');
    const cases: [string, string, unknown][] = [
      ['CreateDeploymentConfig', `${API}/deployment-config`, { name: 'No description' }],
      ['CreateProductTier', `${API}/service/s-x/product-tier`, { serviceModelId: 'sm-x', name: 'T', planDescription: '', tierType: 'CUSTOM' }],
      ['CopyProductTier', `${API}/service/s-x/product-tier/copy/pt-x`, { serviceModelId: 'sm-x', name: 'T' }],
    ];
    for (const [operationId, path, body] of cases) {
      const res = await http('POST', path, { token: s.token, body });
      expect(res.status, `${operationId}: ${res.text}`).toBe(400);
      expect(res.json.message, operationId).toContain('body.description is required');
    }
  });
});
