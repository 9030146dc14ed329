/**
 * Input parsing: zod issues become one 400 message naming each offending field, e.g.
 * `body.name is required; query.pageSize: expected number, got string`.
 */
import { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';

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
