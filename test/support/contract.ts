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

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const REFERENCE_DIR = resolve(process.env.REFERENCE_DIR ?? '../shared/reference');
export const REFERENCE_SPEC = resolve(REFERENCE_DIR, 'openapi.yaml');
export const hasReference = existsSync(REFERENCE_SPEC);

interface RefOperation {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: unknown;
  parameters?: unknown[];
}

let spec: { paths: Record<string, Record<string, RefOperation>>; components: { schemas: Record<string, unknown> } } | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
let byOperation: Map<string, RefOperation> | undefined;

function load() {
  if (!spec) {
    // yaml parses dates as strings with this option, matching what JSON schemas expect.
    spec = parse(readFileSync(REFERENCE_SPEC, 'utf8'), { schema: 'core' });
    byOperation = new Map();
    for (const [path, item] of Object.entries(spec!.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
        const id = String(op.operationId).split('#').pop()!;
        byOperation.set(id, { ...op, operationId: id, method: method.toUpperCase(), path });
      }
    }
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'ref', components: spec!.components });
  }
  return { spec: spec!, ajv: ajv!, byOperation: byOperation! };
}

/** Every operation of the reference: id, method and path. */
export function referenceOperations(): RefOperation[] {
  return [...load().byOperation.values()];
}

/**
 * Every `METHOD path` of each bare operationId. A few ids appear under two tags (users-api#InviteUser and
 * consumption-user-api#InviteUser), so one id can name several routes.
 */
export function referenceRoutesByOperation(): Map<string, string[]> {
  const { spec } = load();
  const routes = new Map<string, string[]>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
      const id = String(op.operationId).split('#').pop()!;
      routes.set(id, [...(routes.get(id) ?? []), `${method.toUpperCase()} ${path}`]);
    }
  }
  return routes;
}

/** OpenAPI 3.0 `nullable` → JSON Schema, and `$ref`s pointed into the registered components document. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$ref') out.$ref = `ref${String(v)}`;
    else if (k === 'example' || k === 'examples') continue;
    else out[k] = toJsonSchema(v);
  }
  return out;
}

/**
 * Asserts `body` fits the reference response schema of `operationId` at `status`. Returns the list of
 * problems (empty when valid) so tests can `expect(...).toEqual([])` and see every violation.
 */
export function contractProblems(operationId: string, status: number, body: unknown): string[] {
  if (!hasReference) return [];
  const { ajv, byOperation } = load();
  const op = byOperation.get(operationId);
  if (!op) return [`operation ${operationId} is not in the reference`];
  const response = op.responses[String(status)];
  if (!response) return [`the reference declares no ${status} response for ${operationId}`];
  const content = response.content ?? {};
  const media = content['application/json'] ?? content['application/vnd.goa.error'] ?? Object.values(content)[0];
  if (!media?.schema) return body === undefined || body === '' ? [] : [];
  const key = `${operationId}:${status}`;
  let validate = validators.get(key);
  if (!validate) {
    // Resolve nullable (3.0) by allowing null wherever the spec says nullable: true.
    const schema = toJsonSchema(media.schema) as Record<string, unknown>;
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

if (!hasReference) {
  console.warn(`contract checks skipped: reference spec not found at ${REFERENCE_SPEC}`);
}
