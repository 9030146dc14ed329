/**
 * The registry against the reference: every registered operation exists there (matched by its identity:
 * contract, group, operationId) with the same method and path, each contract's served document declares exactly
 * its registered operations, and each response schema we declare
 * requires (at every depth) every property the reference requires.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '#functions/registry.ts';
import { buildOpenApiDocument } from '#shared/registry/openapi.ts';
import { contractOf, contractOperationId, operationKey } from '#shared/registry/identity.ts';
import { hasReference, referenceOperation, referenceOperations, referenceSpec, REFERENCE_SPEC } from '../support/contract.ts';
import { readFileSync } from 'node:fs';

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

const contracts = ['registration', 'fleet'] as const;

/** Routes neither contract has (`extraRoute` says why); everything else is compared with the reference. */
const contractOperations = operations.filter((o) => o.extraRoute === undefined);

describe('registry', () => {
  it('has one entry per (method, path) and per operation identity (contract, group, operationId)', () => {
    const routes = operations.map((o) => `${o.method} ${o.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    const keys = operations.map(operationKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("serves one document per contract, each declaring exactly that contract's operations as group#OperationId", () => {
    for (const contract of contracts) {
      const doc = buildOpenApiDocument(operations, undefined, contract) as any;
      const declared: string[] = [];
      for (const [path, item] of Object.entries<any>(doc.paths)) for (const [m, op] of Object.entries<any>(item)) declared.push(`${m.toUpperCase()} ${path} ${op.operationId}`);
      const expected = operations.filter((o) => contractOf(o.path) === contract).map((o) => `${o.method} ${o.path} ${contractOperationId(o)}`);
      expect(declared.sort(), contract).toEqual(expected.sort());
      const ids = declared.map((d) => d.split(' ')[2]);
      expect(new Set(ids).size, `${contract}: operationIds unique within the document`).toBe(ids.length);
    }
  });
});

describe.skipIf(!hasReference)('registry against the reference spec', () => {
  it('serves a route the reference lacks only as a declared extra route, each saying why', () => {
    const ref = new Set(referenceOperations().map((r) => `${r.method} ${r.path}`));
    const extras = operations.filter((o) => o.extraRoute !== undefined);
    expect(contractOperations.filter((o) => !ref.has(`${o.method} ${o.path}`)).map(operationKey)).toEqual([]);
    expect(extras.filter((o) => ref.has(`${o.method} ${o.path}`)).map(operationKey)).toEqual([]);
    for (const o of extras) expect(o.extraRoute!.length, o.operationId).toBeGreaterThan(20);
    expect(extras.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'GET /2022-09-01-00/identity-provider-render',
      'POST /2022-09-01-00/fleet/deployment-driver/callback/{callbackId}',
    ]);
  });

  it('uses exactly the reference method and path for every operation (matched by contract, group and operationId)', () => {
    const wrong = contractOperations
      .map((o) => ({ o, ref: referenceOperation(o) }))
      .filter(({ o, ref }) => !ref || ref.method !== o.method || ref.path !== o.path)
      .map(({ o, ref }) => `${operationKey(o)}: ${o.method} ${o.path} (reference: ${ref ? `${ref.method} ${ref.path}` : 'absent'})`);
    expect(wrong).toEqual([]);
  });

  it('declares the reference success status for every operation', () => {
    const success = new Map<string, number>();
    for (const file of ['routes.tsv', 'fleet-routes.tsv']) {
      const tsv = readFileSync(REFERENCE_SPEC.replace(/openapi\.yaml$/, file), 'utf8').trim().split('\n').slice(1);
      for (const c of tsv.map((l) => l.split('\t'))) success.set(operationKey({ group: c[0], operationId: c[1], path: c[3] }), Number(c[5]));
    }
    const wrong = contractOperations.filter((o) => (o.status ?? 200) !== success.get(operationKey(o))).map((o) => `${operationKey(o)}: ${o.status ?? 200} vs ${success.get(operationKey(o))}`);
    expect(wrong).toEqual([]);
  });

  it('requires every response property the reference requires', () => {
    const problems: string[] = [];
    for (const contract of contracts) {
      const spec = referenceSpec(contract) as any;
      if (!spec) continue;
      const doc = buildOpenApiDocument(operations, undefined, contract) as any;
      const rr = resolver(spec.components.schemas);
      const or = resolver(doc.components?.schemas ?? {});
      for (const op of contractOperations.filter((o) => contractOf(o.path) === contract)) {
        const refOp = spec.paths[op.path]?.[op.method.toLowerCase()];
        const status = String(op.status ?? 200);
        const refSchema = refOp?.responses?.[status]?.content?.['application/json']?.schema;
        // A binary download (GetFile) has no properties to require, whatever content type declares it.
        if (!refSchema || refSchema.format === 'binary') continue;
        const ourSchema = doc.paths[op.path][op.method.toLowerCase()].responses[status]?.content?.['application/json']?.schema;
        if (!ourSchema) {
          problems.push(`${operationKey(op)}: declares no JSON response body`);
          continue;
        }
        problems.push(...missingRequired(refSchema, ourSchema, rr, or, operationKey(op)));
      }
    }
    expect(problems).toEqual([]);
  });
});
