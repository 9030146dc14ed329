/**
 * The registry against the reference: every registered operation exists there with the same method and
 * path, the served document declares exactly the registered operations, and each response schema we declare
 * requires (at every depth) every property the reference requires.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '#functions/registry.ts';
import { buildOpenApiDocument } from '#shared/registry/openapi.ts';
import { hasReference, referenceRoutesByOperation, REFERENCE_SPEC } from '../support/contract.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Schema = Record<string, any>;

function resolver(components: Record<string, Schema>) {
  return (s: Schema | undefined): Schema | undefined => {
    let cur = s;
    for (let i = 0; cur && cur.$ref && i < 20; i++) cur = components[String(cur.$ref).split('/').pop()!];
    return cur;
  };
}

/** Required properties of `ref` missing (or optional) in `ours`, as JSON paths. */
function missingRequired(ref: Schema | undefined, ours: Schema | undefined, rr: ReturnType<typeof resolver>, or: ReturnType<typeof resolver>, path: string, depth = 0): string[] {
  ref = rr(ref);
  ours = or(ours);
  if (!ref || !ours || depth > 12) return [];
  // Our nullable fields render as anyOf [X, null]; compare against the non-null branch.
  if (ours.anyOf) ours = or(ours.anyOf.find((b: Schema) => b.type !== 'null')) ?? ours;
  const problems: string[] = [];
  if (ref.type === 'array' || ref.items) {
    return missingRequired(ref.items, ours.items, rr, or, `${path}[]`, depth + 1);
  }
  const refProps: Schema = ref.properties ?? {};
  const ourProps: Schema = ours.properties ?? {};
  const ourRequired = new Set<string>(ours.required ?? []);
  for (const name of ref.required ?? []) {
    if (!(name in ourProps)) problems.push(`${path}.${name} is not declared`);
    else if (!ourRequired.has(name)) problems.push(`${path}.${name} is optional in our schema`);
  }
  for (const [name, sub] of Object.entries(refProps)) {
    if (name in ourProps) problems.push(...missingRequired(sub as Schema, ourProps[name], rr, or, `${path}.${name}`, depth + 1));
  }
  return problems;
}

describe('registry', () => {
  it('has one entry per (method, path) and per operationId', () => {
    const routes = operations.map((o) => `${o.method} ${o.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves a document that declares every registered operation', () => {
    const doc = buildOpenApiDocument(operations) as any;
    const declared: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) for (const [m, op] of Object.entries<any>(item)) declared.push(`${m.toUpperCase()} ${path} ${op.operationId}`);
    expect(declared.sort()).toEqual(operations.map((o) => `${o.method} ${o.path} ${o.operationId}`).sort());
  });
});

/** Routes neither contract has (`extraRoute` says why); everything else is compared with the reference. */
const contractOperations = operations.filter((o) => o.extraRoute === undefined);

describe.skipIf(!hasReference)('registry against the reference spec', () => {
  it('serves a route the reference lacks only as a declared extra route, each saying why', () => {
    const ref = new Set([...referenceRoutesByOperation().values()].flat());
    const undeclared = contractOperations.filter((o) => !ref.has(`${o.method} ${o.path}`)).map((o) => `${o.operationId}: ${o.method} ${o.path}`);
    const extras = operations.filter((o) => o.extraRoute !== undefined);
    expect(undeclared).toEqual([]);
    expect(extras.filter((o) => ref.has(`${o.method} ${o.path}`)).map((o) => o.operationId)).toEqual([]);
    for (const o of extras) expect(o.extraRoute!.length, o.operationId).toBeGreaterThan(20);
    expect(extras.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /2022-09-01-00/identity-provider-render']);
  });

  it('uses exactly the reference method and path for every operation', () => {
    const ref = referenceRoutesByOperation();
    const wrong = contractOperations.filter((o) => !ref.get(o.operationId)?.includes(`${o.method} ${o.path}`)).map((o) => `${o.operationId}: ${o.method} ${o.path} (reference: ${ref.get(o.operationId)?.join(' | ') ?? 'absent'})`);
    expect(wrong).toEqual([]);
  });

  it('declares the reference success status for every operation', () => {
    const tsv = readFileSync(REFERENCE_SPEC.replace(/openapi\.yaml$/, 'routes.tsv'), 'utf8').trim().split('\n').slice(1);
    const success = new Map(tsv.map((l) => l.split('\t')).map((c) => [c[1], Number(c[5])]));
    const wrong = contractOperations.filter((o) => (o.status ?? 200) !== success.get(o.operationId)).map((o) => `${o.operationId}: ${o.status ?? 200} vs ${success.get(o.operationId)}`);
    expect(wrong).toEqual([]);
  });

  it('requires every response property the reference requires', () => {
    const spec = parse(readFileSync(REFERENCE_SPEC, 'utf8'), { schema: 'core' });
    const doc = buildOpenApiDocument(operations) as any;
    const rr = resolver(spec.components.schemas);
    const or = resolver(doc.components?.schemas ?? {});
    const problems: string[] = [];
    for (const op of contractOperations) {
      const refOp = spec.paths[op.path]?.[op.method.toLowerCase()];
      const status = String(op.status ?? 200);
      const refSchema = refOp?.responses?.[status]?.content?.['application/json']?.schema;
      // A binary download (GetFile) has no properties to require, whatever content type declares it.
      if (!refSchema || refSchema.format === 'binary') continue;
      const ourSchema = doc.paths[op.path][op.method.toLowerCase()].responses[status]?.content?.['application/json']?.schema;
      if (!ourSchema) {
        problems.push(`${op.operationId}: declares no JSON response body`);
        continue;
      }
      problems.push(...missingRequired(refSchema, ourSchema, rr, or, op.operationId));
    }
    expect(problems).toEqual([]);
  });
});
