/**
 * Schemas shared by many operations, and the bounded building blocks every schema is made of. Wire names
 * follow the reference; descriptions are our own. Every string, array and free-form object has a bound
 * (docs/limits.md lists them): an input past one answers 400 naming the field, never a DynamoDB 5xx.
 */
import { z } from 'zod';
import { cleanId } from '#shared/domain/ids.ts';
import type { Page } from '#shared/data/store.ts';

/** Bounds, in one place so that docs/limits.md and the schemas cannot drift. */
export const LIMITS = {
  /** Names, keys, short labels. */
  name: 256,
  /** Descriptions and other prose. */
  description: 8 * 1024,
  /** URLs (logos, endpoints). */
  url: 2048,
  /** A free-form text blob (PEM keys, templates, compose specs are bounded separately). */
  text: 64 * 1024,
  /** Items of an array of short values (tags, ids, options). */
  items: 1000,
  /** Keys of a free-form object (labels, env vars, configuration maps). */
  entries: 1000,
  /** Nesting of a free-form JSON value; DynamoDB allows 32 levels per item and our items wrap it. */
  depth: 16,
  /** Serialized size of one free-form JSON value. */
  jsonBytes: 64 * 1024,
} as const;

/** A path or body id; quotes a client echoed from a JSON-string response are stripped. */
export const Id = z
  .string()
  .transform(cleanId)
  .pipe(z.string().min(1, 'must not be empty').max(128).regex(/^[A-Za-z0-9._:-]+$/, 'is not a valid id'));

export const IdParams = z.object({ id: Id });

/** Bare-string success body: the created entity's id, sent as a JSON string (`"s-abc123"`). */
export const IdResult = z.string().meta({ description: 'The id of the created entity.' });

/** pageSize/nextPageToken query parameters of paginated lists. */
export const PageQuery = z.object({
  nextPageToken: z.string().max(4096).optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).optional(),
});

/** A bounded string: `text(LIMITS.name)`. */
export const text = (max: number = LIMITS.name) => z.string().max(max, `must be at most ${max} characters`);

/** A trimmed, non-empty, bounded string (names). */
export const NonEmpty = z.string().trim().min(1, 'must not be empty').max(LIMITS.name, `must be at most ${LIMITS.name} characters`);

/** A bounded array. */
export const list = <T extends z.ZodType>(item: T, max: number = LIMITS.items) =>
  z.array(item).max(max, `must have at most ${max} items`);

/** A bounded map of string keys to `value`. */
export const record = <T extends z.ZodType>(value: T, max: number = LIMITS.entries) =>
  z
    .record(z.string().max(LIMITS.name), value)
    .refine((o) => Object.keys(o).length <= max, { message: `must have at most ${max} entries` });

function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let d = 0;
  for (const x of Object.values(v)) d = Math.max(d, depthOf(x));
  return d + 1;
}

/**
 * A free-form JSON object (configurations, metadata): bounded in nesting depth and serialized size so that
 * it always fits in its item.
 */
export const freeForm = (maxBytes: number = LIMITS.jsonBytes, maxDepth: number = LIMITS.depth) =>
  z
    .record(z.string().max(LIMITS.name), z.unknown())
    .refine((o) => depthOf(o) <= maxDepth, { message: `must be nested at most ${maxDepth} levels deep` })
    .refine((o) => Buffer.byteLength(JSON.stringify(o)) <= maxBytes, { message: `must be at most ${maxBytes} bytes as JSON` });

/** `{ids, <items>?, nextPageToken?}`: the envelope of the reference's List operations. */
export const listResult = <T extends z.ZodType>(id: string, items?: { name: string; item: T }) =>
  z
    .object({
      ids: z.array(z.string()),
      ...(items ? { [items.name]: z.array(items.item) } : {}),
      nextPageToken: z.string().optional(),
    })
    .meta({ id });

/** The wire form of one page: ids, optionally the items' views, and the token only when there is more. */
export function pageOf<T, V>(page: Page<T>, id: (item: T) => string): { ids: string[]; nextPageToken?: string };
export function pageOf<T, V>(
  page: Page<T>,
  id: (item: T) => string,
  items: { name: string; view: (item: T) => V },
): { ids: string[]; nextPageToken?: string } & Record<string, V[]>;
export function pageOf<T, V>(page: Page<T>, id: (item: T) => string, items?: { name: string; view: (item: T) => V }) {
  return {
    ids: page.items.map(id),
    ...(items ? { [items.name]: page.items.map(items.view) } : {}),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
  };
}
