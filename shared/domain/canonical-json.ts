/**
 * JSON with object keys sorted at every depth, undefined members left out: the same value always renders the
 * same bytes. DynamoDB does not keep the order of a map's keys, so stored and desired definitions compare by
 * this, and answers that clients compare byte for byte (pending changes) render with it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => [k, sortKeys(o[k])]),
  );
}
