/**
 * DynamoDB's per-item limits, checked before a write so that an entity too large or too deep answers a 400
 * naming the attribute, instead of a ValidationException (a 5xx that clients would resend forever).
 * Sizes follow DynamoDB's accounting: attribute names count, strings are UTF-8 bytes, numbers about one byte
 * per two digits, lists and maps three bytes plus one per element.
 */
import { BadRequest } from '#shared/errors.ts';

/** DynamoDB's hard item limit is 400 KB; keep head-room for the bookkeeping attributes a write adds. */
export const MAX_ITEM_BYTES = 390 * 1024;
/** DynamoDB allows 32 levels of nesting; the item itself is level 0. */
export const MAX_ITEM_DEPTH = 32;

/** An attribute value's size as DynamoDB counts it (what MAX_ITEM_BYTES bounds). */
export function storedSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number' || typeof v === 'bigint') return Math.ceil(String(v).replace(/^-/, '').length / 2) + 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + storedSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + storedSize(x), 0);
  if (typeof v === 'object') {
    return 3 + Object.entries(v as object).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k, 'utf8') + storedSize(x), 0);
  }
  return 0;
}

/** A lone UTF-16 surrogate cannot be encoded as UTF-8, which DynamoDB requires of every string. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Depth and string checks; returns the path of the first offence. */
function firstProblem(v: unknown, path: string, depth: number): string | undefined {
  if (typeof v === 'string') return hasLoneSurrogate(v) ? `${path} contains an unpaired UTF-16 surrogate` : undefined;
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return undefined;
  if (depth > MAX_ITEM_DEPTH) return `${path} is nested deeper than ${MAX_ITEM_DEPTH} levels`;
  const entries = Array.isArray(v) || v instanceof Set ? [...v].map((x, i) => [String(i), x] as const) : Object.entries(v);
  for (const [k, x] of entries) {
    if (hasLoneSurrogate(k)) return `${path} has a key with an unpaired UTF-16 surrogate`;
    const p = firstProblem(x, path ? `${path}.${k}` : k, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/**
 * Throws 400 when `item` cannot be stored as one DynamoDB item. `entity` names what the caller is building
 * ("resource"), and the message names the largest attribute, which is what the caller has to shrink.
 */
export function assertStorable(item: Record<string, unknown>, entity = String(item.entity ?? 'item')): void {
  const problem = firstProblem(item, '', 0);
  if (problem) throw new BadRequest(`${entity}: ${problem}`);
  const size = storedSize(item);
  if (size <= MAX_ITEM_BYTES) return;
  let largest = '';
  let largestSize = -1;
  for (const [k, v] of Object.entries(item)) {
    const s = storedSize(v);
    if (s > largestSize) [largest, largestSize] = [k, s];
  }
  throw new BadRequest(
    `${entity} would be ${Math.ceil(size / 1024)} KB, over the ${MAX_ITEM_BYTES / 1024} KB an entity may hold; ` +
      `its largest field is ${largest} (${Math.ceil(largestSize / 1024)} KB)`,
  );
}
