/**
 * URL-safe keys derived from display names. Clients never compute keys; they read them back and echo
 * them into paths, so derivation only has to be stable and unique within the parent.
 *   "MySQL" → "mysql", "Production" → "production",
 *   "MySQL multi-writer service hosted model" → "mysql-multi-writer-service-hosted-model".
 */
export function deriveKey(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return key || 'item';
}

/**
 * Resource keys keep the compose service name with its first letter lower-cased
 * (`PGAdmin` → `pGAdmin`, `MySQL` → `mySQL`); characters outside [A-Za-z0-9_-] are dropped.
 */
export function deriveResourceKey(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '');
  if (!cleaned) return 'resource';
  return cleaned[0].toLowerCase() + cleaned.slice(1);
}

/** Picks `base`, or `base-2`, `base-3`, … when taken, given the keys already used in the parent. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
