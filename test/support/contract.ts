/**
 * Contract checks: validates a response body against the reference spec's response schema for an operation
 * (`../shared/reference/openapi.yaml`, read-only, beside the checkout). When that folder is absent (a fresh
 * clone without it) the checks are skipped with a message, as the architecture frame asks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { operations } from '#functions/registry.ts';
import { operationKey, type Contract, type OperationIdentity } from '#shared/registry/identity.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const REFERENCE_DIR = resolve(process.env.REFERENCE_DIR ?? '../shared/reference');
export const REFERENCE_SPEC = resolve(REFERENCE_DIR, 'openapi.yaml');
export const hasReference = existsSync(REFERENCE_SPEC);

interface RefOperation {
  /** `contract:group#OperationId` (shared/registry/identity.ts operationKey). */
  key: string;
  contract: Contract;
  group: string;
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: unknown;
  parameters?: unknown[];
}

type Spec = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, unknown> } };

/** The reference document of each contract (the Fleet API's beside the Registration API's). */
export const REFERENCE_SPECS: Record<Contract, string> = { registration: REFERENCE_SPEC, fleet: resolve(REFERENCE_DIR, 'fleet-openapi.yaml') };

let loaded: { specs: Partial<Record<Contract, Spec>>; ajv: Ajv; byKey: Map<string, RefOperation> } | undefined;
const validators = new Map<string, ValidateFunction>();

function load() {
  if (!loaded) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    addFormats(ajv);
    const specs: Partial<Record<Contract, Spec>> = {};
    const byKey = new Map<string, RefOperation>();
    for (const contract of ['registration', 'fleet'] as const) {
      if (!existsSync(REFERENCE_SPECS[contract])) continue;
      // yaml parses dates as strings with this option, matching what JSON schemas expect.
      const spec: Spec = parse(readFileSync(REFERENCE_SPECS[contract], 'utf8'), { schema: 'core' });
      specs[contract] = spec;
      ajv.addSchema({ $id: contract, components: spec.components });
      for (const [path, item] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(item)) {
          if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
          const [group, operationId] = String(op.operationId).split('#');
          const key = operationKey({ group, operationId, path });
          byKey.set(key, { ...op, key, contract, group, operationId, method: method.toUpperCase(), path });
        }
      }
    }
    loaded = { specs, ajv, byKey };
  }
  return loaded;
}

/** The reference document of a contract (undefined when absent). */
export function referenceSpec(contract: Contract): Spec | undefined {
  return load().specs[contract];
}

/** Every operation of both references. */
export function referenceOperations(): RefOperation[] {
  return [...load().byKey.values()];
}

/**
 * The reference operation an operation names: a registry entry, its `operationKey`, a `group#OperationId`, or a
 * bare operationId when only one registered (else referenced) operation has it. A name that is ambiguous throws,
 * so a test cannot validate against the wrong one of two same-named operations.
 */
export function referenceOperation(name: string | OperationIdentity): RefOperation | undefined {
  const { byKey } = load();
  if (typeof name !== 'string') return byKey.get(operationKey(name));
  if (name.includes(':')) return byKey.get(name);
  const all = [...byKey.values()];
  if (name.includes('#')) {
    const hits = all.filter((o) => `${o.group}#${o.operationId}` === name);
    if (hits.length > 1) throw new Error(`${name} is in both contracts; name it by operationKey`);
    return hits[0];
  }
  const registered = operations.filter((o) => o.operationId === name);
  if (registered.length > 1) throw new Error(`${name} names ${registered.length} registered operations; name it as group#${name}`);
  if (registered.length === 1) return byKey.get(operationKey(registered[0]));
  const hits = all.filter((o) => o.operationId === name);
  if (hits.length > 1) throw new Error(`${name} names ${hits.length} reference operations; name it as group#${name}`);
  return hits[0];
}

/** OpenAPI 3.0 `nullable` → JSON Schema, and `$ref`s pointed into the registered components document. */
function toJsonSchema(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, base));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$ref') out.$ref = `${base}${String(v)}`;
    else if (k === 'example' || k === 'examples') continue;
    else out[k] = toJsonSchema(v, base);
  }
  return out;
}

/**
 * Asserts `body` fits the reference response schema of `operationId` at `status`. Returns the list of
 * problems (empty when valid) so tests can `expect(...).toEqual([])` and see every violation.
 */
export function contractProblems(operation: string | OperationIdentity, status: number, body: unknown): string[] {
  if (!hasReference) return [];
  const { ajv } = load();
  const op = referenceOperation(operation);
  if (!op) return [`operation ${typeof operation === 'string' ? operation : operationKey(operation)} is not in the reference`];
  const response = op.responses[String(status)];
  if (!response) return [`the reference declares no ${status} response for ${op.key}`];
  const content = response.content ?? {};
  const media = content['application/json'] ?? content['application/vnd.goa.error'] ?? Object.values(content)[0];
  if (!media?.schema) return [];
  const key = `${op.key}:${status}`;
  let validate = validators.get(key);
  if (!validate) {
    // Resolve nullable (3.0) by allowing null wherever the spec says nullable: true.
    const schema = toJsonSchema(media.schema, op.contract) as Record<string, unknown>;
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

if (!hasReference) {
  console.warn(`contract checks skipped: reference spec not found at ${REFERENCE_SPEC}`);
}
