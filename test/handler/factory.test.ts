/**
 * The handler factory's contract, exercised with small operations defined here: body parsing, validation
 * messages, authentication, roles, quoted ids and the goa error shape.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defineOperation } from '#shared/registry/operation.ts';
import { Id } from '#shared/schemas/common.ts';
import { db, tableName } from '#shared/data/client.ts';
import { keys } from '#shared/data/keys.ts';
import { issueToken } from '#shared/auth/jwt.ts';
import { forgetSessions } from '#shared/auth/authenticate.ts';
import { invoke } from '../support/invoke.ts';
import { revokeSession, testSession } from '../support/session.ts';

const echo = defineOperation({
  operationId: 'TestEcho',
  group: 'test-api',
  method: 'POST',
  path: '/test/{id}',
  access: 'write',
  summary: 'echo',
  params: z.object({ id: Id }),
  body: z.object({ name: z.string().min(1), count: z.number().int().optional(), legalCompanyName: z.string().optional() }),
  run: async ({ params, body, caller }) => ({ id: params.id, body, orgId: caller.orgId }),
});

const read = defineOperation({
  operationId: 'TestRead',
  group: 'test-api',
  method: 'GET',
  path: '/test',
  access: 'read',
  summary: 'read',
  run: async ({ caller }) => ({ userId: caller.userId }),
});

const removeFeature = defineOperation({
  operationId: 'TestDeleteWithBody',
  group: 'test-api',
  method: 'DELETE',
  path: '/test/{id}/feature',
  access: 'write',
  summary: 'delete with a body',
  params: z.object({ id: Id }),
  body: z.object({ feature: z.string() }),
  run: async () => undefined,
});

const crash = defineOperation({
  operationId: 'TestCrash',
  group: 'test-api',
  method: 'GET',
  path: '/crash',
  access: 'public',
  summary: 'throws an unexpected error',
  run: async () => {
    throw new Error('secret internals');
  },
});

function claimsOf(token: string): { jti: string; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

const goaKeys = ['fault', 'id', 'message', 'name', 'temporary', 'timeout'];

describe('handler factory', () => {
  it('parses, validates and passes the caller from the token', async () => {
    const s = await testSession('editor');
    const res = await invoke(echo, { params: { id: 's-abc' }, body: { name: 'x', extra: 'ignored' }, token: s.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 's-abc', body: { name: 'x' }, orgId: s.orgId });
  });

  it('strips quotes a client echoed around an id', async () => {
    const s = await testSession();
    const res = await invoke(echo, { params: { id: '"s-abc"' }, body: { name: 'x' }, token: s.token });
    expect(res.json.id).toBe('s-abc');
  });

  it('matches body keys case-insensitively', async () => {
    const s = await testSession();
    const res = await invoke(echo, { params: { id: 's-1' }, body: { NAME: 'x', legalcompanyname: 'ACME' }, token: s.token });
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ name: 'x', legalCompanyName: 'ACME' });
  });

  it('answers malformed JSON with a goa 400', async () => {
    const s = await testSession();
    const res = await invoke(echo, { params: { id: 's-1' }, rawBody: '{"name":', token: s.token });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Object.keys(res.json).sort()).toEqual(goaKeys);
    expect(res.json).toMatchObject({ name: 'bad_request', fault: false });
    expect(res.json.message).toMatch(/not valid JSON/);
  });

  it('names a missing or mistyped field', async () => {
    const s = await testSession();
    const missing = await invoke(echo, { params: { id: 's-1' }, body: {}, token: s.token });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('body.name is required');
    const wrong = await invoke(echo, { params: { id: 's-1' }, body: { name: 'x', count: 'three' }, token: s.token });
    expect(wrong.status).toBe(400);
    expect(wrong.json.message).toContain('body.count');
  });

  it('answers 401 without a token, with a bad one, and with a revoked one', async () => {
    const none = await invoke(read, {});
    expect(none.status).toBe(401);
    expect(none.json.name).toBe('auth_failure');
    const bad = await invoke(read, { token: 'not.a.jwt' });
    expect(bad.status).toBe(401);
    const s = await testSession('reader');
    expect((await invoke(read, { token: s.token })).status).toBe(200);
    const { jti, exp } = claimsOf(s.token);
    await revokeSession(jti, s.userId, exp);
    const revoked = await invoke(read, { token: s.token });
    expect(revoked.status).toBe(401);
    expect(revoked.json.message).toMatch(/revoked/);
  });

  it('lets reads reuse a recent session confirmation, but confirms every write afresh', async () => {
    const s = await testSession('editor');
    expect((await invoke(read, { token: s.token })).status).toBe(200);
    // Revoked by "another process": this process's cache is not told.
    const { jti, exp } = claimsOf(s.token);
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.revokedSession(jti), expiresAt: exp } }));
    expect((await invoke(read, { token: s.token })).status).toBe(200);
    expect((await invoke(echo, { params: { id: 's-1' }, body: { name: 'x' }, token: s.token })).status).toBe(401);
    forgetSessions({ jti });
    expect((await invoke(read, { token: s.token })).status).toBe(401);
  });

  it('refuses a token whose user no longer exists', async () => {
    const ghost = await issueToken({ userId: 'user-ghost', orgId: 'org-ghost', role: 'root', email: 'g@example.com' });
    expect((await invoke(read, { token: ghost })).status).toBe(401);
    expect((await invoke(echo, { params: { id: 'x' }, body: { name: 'x' }, token: ghost })).status).toBe(401);
  });

  it('forbids readers from mutating', async () => {
    const s = await testSession('reader');
    const res = await invoke(echo, { params: { id: 's-1' }, body: { name: 'x' }, token: s.token });
    expect(res.status).toBe(403);
    expect(res.json.name).toBe('forbidden');
  });

  it('accepts a JSON body on DELETE and answers an empty body with Content-Length 0', async () => {
    const s = await testSession();
    const res = await invoke(removeFeature, { params: { id: 'sm-1' }, body: { feature: 'X' }, token: s.token });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBe('0');
    const missing = await invoke(removeFeature, { params: { id: 'sm-1' }, token: s.token });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('body.feature is required');
  });

  it('turns unexpected errors into a 500 without leaking internals', async () => {
    const res = await invoke(crash, {});
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ name: 'failed_request', fault: true });
    expect(res.body).not.toContain('secret internals');
  });
});
