/**
 * Input parsing: zod issues become one 400 message naming each offending field, e.g.
 * `body.name is required; query.pageSize: expected number, got string`.
 */
import { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';
import { hasLoneSurrogate } from '#shared/data/item-limits.ts';

/**
 * How deep a JSON body may nest. Every stored entity wraps the body's values a level or two deeper, and
 * DynamoDB refuses items past 32 levels; schemas bound their free-form fields more tightly (LIMITS.depth).
 */
export const MAX_BODY_DEPTH = 24;

function describeIssue(where: string, issue: z.core.$ZodIssue): string {
  const field = [where, ...issue.path.map(String)].join('.');
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${field} is required`;
  if (issue.code === 'invalid_type') return `${field}: expected ${issue.expected}`;
  return `${field}: ${issue.message}`;
}

export function parseInput<S extends z.ZodType>(where: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const msgs = result.error.issues.slice(0, 5).map((i) => describeIssue(where, i));
  throw new BadRequest(`invalid ${where}: ${msgs.join('; ')}`);
}

/**
 * Some clients lower-case body keys (`legalcompanyname`): map a key onto the schema's spelling when they
 * differ only in case. Only top-level keys of object schemas are matched.
 */
export function matchKeysCaseInsensitively(schema: z.ZodType, body: unknown): unknown {
  if (!(schema instanceof z.ZodObject) || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const shapeKeys = Object.keys(schema.shape);
  const exact = new Set(shapeKeys);
  const byLower = new Map(shapeKeys.map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const target = exact.has(k) ? k : (byLower.get(k.toLowerCase()) ?? k);
    if (!(target in out) || exact.has(k)) out[target] = v;
  }
  return out;
}

/**
 * Checks a parsed JSON body for what no schema can express and DynamoDB would refuse with a 5xx: nesting past
 * MAX_BODY_DEPTH and unpaired UTF-16 surrogates (JSON may escape them, UTF-8 cannot encode them). Iterative,
 * so a hostile body cannot overflow the stack. Throws 400 naming the first offending field.
 */
export function checkJsonBody(body: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: 'body', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) throw new BadRequest(`invalid body: ${path} contains an unpaired UTF-16 surrogate`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) throw new BadRequest(`invalid body: ${path} is nested deeper than ${MAX_BODY_DEPTH} levels`);
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) {
      if (hasLoneSurrogate(k)) throw new BadRequest(`invalid body: ${path} has a key with an unpaired UTF-16 surrogate`);
      stack.push({ value: v, path: `${path}.${k}`, depth: depth + 1 });
    }
  }
}

/** A path parameter as the caller meant it; a malformed percent-escape (`%`, `%FF`) is the caller's 400. */
export function decodePathParameter(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequest(`invalid path: path.${name} is not a valid percent-encoded value`);
  }
}
