/**
 * Reading a spec document (compose spec or service plan spec) without I/O: base64 → text → YAML, with every
 * problem answered as a 400 that names the line and the key (`line 12: services.Writer.x-omnistrate-compute:
 * …`), so a provider can fix the file without guessing. Aliases are bounded (no "billion laughs"), merge keys
 * (`<<: *anchor`) are honoured, duplicate keys are refused.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';

/** Decoded size of one spec (docs/limits.md). */
export const MAX_SPEC_BYTES = 512 * 1024;
/** Alias expansions one spec may make. */
const MAX_ALIASES = 100;

export type SpecPath = readonly (string | number)[];

/** A parsed spec: its plain value and where each key sits in the text. */
export interface SpecDocument {
  value: unknown;
  /** The 1-based line of `path` (or of its nearest ancestor that exists). */
  lineOf(path: SpecPath): number | undefined;
}

/** `services.Writer.ports[0]`: a path as a provider reads it. */
export function pathText(path: SpecPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/** A 400 naming the line (when known) and the key. */
export function specError(doc: Pick<SpecDocument, 'lineOf'> | undefined, path: SpecPath, message: string): BadRequest {
  const line = doc?.lineOf(path);
  const where = [line !== undefined ? `line ${line}` : '', pathText(path)].filter(Boolean).join(': ');
  return new BadRequest(`invalid spec: ${where ? `${where}: ` : ''}${message}`);
}

/** Canonical or URL-safe base64 of a spec; 400 when it is not base64 or too large. */
export function decodeSpec(fileContent: string, field = 'fileContent'): string {
  const compact = fileContent.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw new BadRequest(`body.${field} must be base64-encoded`);
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw new BadRequest(`body.${field} is empty`);
  if (bytes.length > MAX_SPEC_BYTES) throw new BadRequest(`body.${field} decodes to ${bytes.length} bytes; a spec holds at most ${MAX_SPEC_BYTES}`);
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) throw new BadRequest(`body.${field} is not UTF-8 text`);
  return text;
}

function locate(doc: Document, lc: LineCounter, path: SpecPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lc.linePos(offset).line;
}

/** Parses YAML text; a syntax error is a 400 with its line and the parser's reason. */
export function parseSpecYaml(text: string): SpecDocument {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, merge: true, uniqueKeys: true, prettyErrors: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    const reason = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new BadRequest(`invalid spec: ${line !== undefined ? `line ${line}: ` : ''}the YAML does not parse (${reason})`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new BadRequest(`invalid spec: ${(e as Error).message}`);
  }
  return { value, lineOf: (path) => locate(doc, lc, path) };
}

/**
 * Validates `value` (at `base` in the document) with a zod schema; the first issue becomes a 400 naming the
 * line and the key it is about.
 */
export function validateSpec<T extends z.ZodType>(doc: SpecDocument, schema: T, value: unknown, base: SpecPath = []): z.output<T> {
  const out = schema.safeParse(value);
  if (out.success) return out.data;
  const issue = out.error.issues[0];
  const path = [...base, ...(issue.path as (string | number)[])];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  else if (issue.code === 'invalid_type' && issue.input === undefined) message = 'is required';
  const keyPath = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path;
  return (() => {
    throw specError(doc, keyPath, message);
  })();
}
