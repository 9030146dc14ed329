/**
 * Opaque, tamper-evident page tokens: the DynamoDB LastEvaluatedKey, bound to the query's scope (e.g. the
 * caller's org partition) and HMAC-signed, so a token cannot be forged or replayed against another list.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getSecrets } from '#shared/secrets.ts';
import { BadRequest } from '#shared/errors.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

type Key = Record<string, unknown>;

function mac(key: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export async function encodePageToken(scope: string, lastKey: Key | undefined): Promise<string | undefined> {
  if (!lastKey) return undefined;
  const { pageKey } = await getSecrets();
  const payload = Buffer.from(JSON.stringify({ s: scope, k: lastKey })).toString('base64url');
  return `${payload}.${mac(pageKey, payload).toString('base64url')}`;
}

export async function decodePageToken(scope: string, token: string | undefined): Promise<Key | undefined> {
  if (!token) return undefined;
  const { pageKey } = await getSecrets();
  const [payload, sig] = token.split('.');
  const invalid = new BadRequest('nextPageToken is invalid');
  if (!payload || !sig) throw invalid;
  const expected = mac(pageKey, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: string; k: Key };
  if (parsed.s !== scope) throw invalid;
  return parsed.k;
}

/** Clamps a requested page size into [1, MAX_PAGE_SIZE]. */
export function pageSize(requested: number | undefined): number {
  if (!requested || requested < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(requested, MAX_PAGE_SIZE);
}
