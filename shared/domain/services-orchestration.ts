/**
 * Services orchestration rules (docs/orchestration-dsl.md): the DSL (base64 YAML) parsed and checked as a
 * whole — aliases unique, `dependsOn` naming known aliases, no cycle, output references only to deployments
 * it depends on — the references resolved against earlier deployments' outputs, what a run does next with
 * each deployment (`nextStep`), and the Describe view. Pure: no reads, no writes.
 */
import { z } from 'zod';
import { parse } from 'yaml';
import { BadRequest } from '#shared/errors.ts';
import type { DeploymentStatus, OrchestrationDeployment, ServicesOrchestrationItem } from '#shared/data/entities/services-orchestration.ts';
import type { DescribeServicesOrchestrationResult } from '#shared/schemas/services-orchestration.ts';

export const MAX_DSL_BYTES = 64 * 1024;
const DEPLOYMENTS_MAX = 20;

/**
 * What one orchestration item may hold (docs/limits.md "Services orchestrations" has the arithmetic that
 * keeps its worst case under DynamoDB's 400 KB item): sizes are UTF-8 bytes of JSON.
 */
export const ORCHESTRATION_LIMITS = {
  dslBytes: MAX_DSL_BYTES,
  deployments: DEPLOYMENTS_MAX,
  /** Wanted deployments plus removed ones whose instances are not deleted yet (failed deletes stay). */
  heldDeployments: 2 * DEPLOYMENTS_MAX,
  /** One deployment's requestParams: what CreateResourceInstance accepts (`RequestParams`, 32 KiB, 16 levels). */
  deploymentParamsBytes: 32 * 1024,
  paramsDepth: 16,
  /** The request parameters of all deployments together, as written in the DSL. */
  paramsBytes: 64 * 1024,
  /** A resolved update's changes travel in the change workflow's input (UpdateResourceInstance's 24 KiB). */
  updateParamsBytes: 24 * 1024,
  /** A deployment's result_params shown on the orchestration; larger ones are read from the instance. */
  outputsBytes: 2 * 1024,
  statusMessageBytes: 256,
  failedReasonBytes: 1024,
  orchestrationFailedReasonBytes: 2048,
} as const;

const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? null));

function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let d = 0;
  for (const x of Object.values(v)) d = Math.max(d, depthOf(x));
  return d + 1;
}

/** `text` cut to at most `maxBytes` UTF-8 bytes (on a character boundary), marked with `…` when cut. */
export function clip(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let n = 0;
  for (const ch of text) {
    const b = Buffer.byteLength(ch);
    if (n + b > maxBytes - 3) break;
    out += ch;
    n += b;
  }
  return `${out}…`;
}

/** The outputs an orchestration keeps of a RUNNING deployment: all of them when they fit, else none (read the instance). */
export function keptOutputs(resultParams: Record<string, unknown> | undefined): { resultParams?: Record<string, unknown>; note?: string } {
  if (!resultParams || !Object.keys(resultParams).length) return {};
  const n = jsonBytes(resultParams);
  if (n <= ORCHESTRATION_LIMITS.outputsBytes) return { resultParams };
  return { note: `its result_params (${n} bytes) are over the ${ORCHESTRATION_LIMITS.outputsBytes} an orchestration shows; read them from the instance` };
}

/** The largest key of `params` and its size (what a 400 names). */
function largestKey(params: Record<string, unknown>): string {
  let best = '';
  let size = -1;
  for (const [k, v] of Object.entries(params)) {
    const n = jsonBytes(v);
    if (n > size) [best, size] = [k, n];
  }
  return best;
}

/**
 * One deployment's request parameters against what an instance accepts (size, depth), `what` naming them in
 * the 400 (the DSL's alias, or a resolved create/update).
 */
export function checkParamsSize(params: Record<string, unknown>, what: string, maxBytes: number = ORCHESTRATION_LIMITS.deploymentParamsBytes): void {
  for (const [k, v] of Object.entries(params)) {
    if (depthOf(v) + 1 > ORCHESTRATION_LIMITS.paramsDepth) throw new BadRequest(`${what}.${k} must be nested at most ${ORCHESTRATION_LIMITS.paramsDepth} levels deep`);
  }
  const n = jsonBytes(params);
  if (n > maxBytes) throw new BadRequest(`${what} is ${n} bytes as JSON, over the ${maxBytes} an instance's requestParams may hold (largest key: ${largestKey(params)})`);
}

/** The DSL's request parameters: each deployment's as an instance's, and all of them within the item's budget. */
function checkDslParams(deployments: readonly DslDeployment[], field: string): void {
  let total = 0;
  for (const d of deployments) {
    const params = d.requestParams ?? {};
    checkParamsSize(params, `${field}: deployments[${d.alias}].requestParams`);
    for (const [k, v] of Object.entries(params)) {
      total += Buffer.byteLength(k) + jsonBytes(v) + 4;
      if (total > ORCHESTRATION_LIMITS.paramsBytes) {
        throw new BadRequest(`${field}: deployments[${d.alias}].requestParams.${k}: the request parameters of all deployments come to more than the ${ORCHESTRATION_LIMITS.paramsBytes} bytes of JSON an orchestration holds`);
      }
    }
  }
}

const Key = z.string().trim().min(1, 'is required').max(128, 'must be at most 128 characters');
const Alias = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/, 'must start with a letter and hold only letters, digits, _ and - (at most 63)');

const DslDeployment = z.object({
  alias: Alias,
  serviceProviderId: Key,
  service: Key,
  serviceAPIVersion: Key,
  environment: Key,
  model: Key,
  plan: Key,
  resource: Key,
  subscriptionId: Key.optional(),
  cloud_provider: Key.optional(),
  region: Key.optional(),
  requestParams: z
    .record(z.string().max(256), z.unknown())
    .refine((o) => Object.keys(o).length <= 1000, 'must have at most 1000 entries')
    .optional(),
  dependsOn: z
    .array(Alias)
    .max(DEPLOYMENTS_MAX - 1, `must have at most ${DEPLOYMENTS_MAX - 1} items`)
    .refine((a) => new Set(a).size === a.length, 'must not name an alias twice')
    .optional(),
});
export type DslDeployment = z.output<typeof DslDeployment>;

const Dsl = z.object({
  deployments: z.array(DslDeployment).min(1, 'must have at least one deployment').max(DEPLOYMENTS_MAX, `must have at most ${DEPLOYMENTS_MAX} deployments`),
});

/** `{{ aliases.<alias>.result_params.<key> }}` */
const REFERENCE = /\{\{\s*aliases\.([A-Za-z][A-Za-z0-9_-]*)\.result_params\.([A-Za-z0-9_.-]+)\s*\}\}/g;
const WHOLE_REFERENCE = /^\{\{\s*aliases\.([A-Za-z][A-Za-z0-9_-]*)\.result_params\.([A-Za-z0-9_.-]+)\s*\}\}$/;

/** The references in one parameter value (strings only; nested values are searched too). */
export function referencesIn(value: unknown): { alias: string; key: string }[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return [...text.matchAll(REFERENCE)].map((m) => ({ alias: m[1]!, key: m[2]! }));
}

/** The request parameter keys whose values reference another deployment's outputs (checked when created). */
export function deferredKeys(params: Record<string, unknown>): Set<string> {
  return new Set(Object.entries(params).filter(([, v]) => referencesIn(v).length > 0).map(([k]) => k));
}

/** Every alias `alias` depends on, directly or not. */
function ancestors(byAlias: Map<string, DslDeployment>, alias: string, seen = new Set<string>()): Set<string> {
  for (const d of byAlias.get(alias)?.dependsOn ?? []) {
    if (seen.has(d)) continue;
    seen.add(d);
    ancestors(byAlias, d, seen);
  }
  return seen;
}

/**
 * The DSL decoded and checked as a whole (400 naming the field, the alias and the key): base64 of YAML, the
 * shape, unique aliases, known `dependsOn`, no cycle, references only to outputs of deployments depended on.
 * Answers the deployments in dependency order (each after everything it depends on).
 */
export function parseDsl(encoded: string, field: string): DslDeployment[] {
  const raw = encoded.trim();
  if (!raw) throw new BadRequest(`body.${field} is required`);
  if (!/^[A-Za-z0-9+/=_-]+$/.test(raw.replace(/\s+/g, ''))) throw new BadRequest(`body.${field} must be base64`);
  const text = Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (Buffer.byteLength(text) > MAX_DSL_BYTES) throw new BadRequest(`body.${field} must be at most ${MAX_DSL_BYTES} bytes of YAML`);
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new BadRequest(`body.${field} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const named = (path: readonly PropertyKey[]) =>
    path
      .map((p, i) => {
        if (typeof p !== 'number') return String(p);
        const alias = i === 1 && Array.isArray((doc as { deployments?: unknown[] })?.deployments) ? (doc as { deployments: { alias?: unknown }[] }).deployments[p]?.alias : undefined;
        return typeof alias === 'string' ? `[${alias}]` : `[${p}]`;
      })
      .join('.')
      .replace(/\.\[/g, '[') || 'document';
  const notJson = nonJsonValue(doc);
  if (notJson) throw new BadRequest(`${field}: ${named(notJson.path)} ${notJson.problem}`);
  const parsed = Dsl.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadRequest(`${field}: ${named(issue.path)} ${issue.message}`);
  }
  const deployments = parsed.data.deployments;
  const byAlias = new Map<string, DslDeployment>();
  for (const d of deployments) {
    if (byAlias.has(d.alias)) throw new BadRequest(`${field}: alias ${d.alias} is used by more than one deployment`);
    byAlias.set(d.alias, d);
  }
  for (const d of deployments) {
    for (const dep of d.dependsOn ?? []) {
      if (!byAlias.has(dep)) throw new BadRequest(`${field}: deployments[${d.alias}].dependsOn names unknown alias ${dep}`);
      if (dep === d.alias) throw new BadRequest(`${field}: deployments[${d.alias}].dependsOn names itself`);
    }
  }
  checkDslParams(deployments, field);
  const order = dependencyOrder(deployments.map((d) => ({ alias: d.alias, dependsOn: d.dependsOn ?? [] })), field);
  for (const d of deployments) {
    const before = ancestors(byAlias, d.alias);
    for (const [key, value] of Object.entries(d.requestParams ?? {})) {
      for (const ref of referencesIn(value)) {
        if (!byAlias.has(ref.alias)) throw new BadRequest(`${field}: deployments[${d.alias}].requestParams.${key} references unknown alias ${ref.alias}`);
        if (!before.has(ref.alias)) throw new BadRequest(`${field}: deployments[${d.alias}].requestParams.${key} references ${ref.alias}, which it does not depend on (add it to dependsOn)`);
      }
    }
  }
  return order.map((a) => byAlias.get(a)!);
}

const DOC_DEPTH = 32;

/**
 * The first value of a parsed YAML document that is not plain JSON data — an alias that contains itself, a
 * number that is not finite (`.inf`, `.nan`), a `!!binary`, `!!set` or other typed value, nesting past
 * DOC_DEPTH — with its path (none of these can be stored or sent on).
 */
function nonJsonValue(v: unknown, path: (string | number)[] = [], open = new Set<object>()): { path: (string | number)[]; problem: string } | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : { path, problem: 'must be a finite number' };
  if (typeof v !== 'object') return { path, problem: `must be JSON data, not a ${typeof v}` };
  if (open.has(v)) return { path, problem: 'is a YAML alias that contains itself' };
  if (path.length >= DOC_DEPTH) return { path, problem: `must be nested at most ${DOC_DEPTH} levels deep` };
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return { path, problem: 'must be a string, number, boolean, list or map (no YAML-typed values such as !!binary or !!set)' };
  open.add(v);
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [k, x] of entries) {
    const p = nonJsonValue(x, [...path, k], open);
    if (p) return p;
  }
  open.delete(v);
  return undefined;
}

/** Aliases in dependency order (Kahn's algorithm, ties in DSL order); a cycle is a 400 naming its aliases. */
export function dependencyOrder(nodes: { alias: string; dependsOn: string[] }[], field: string): string[] {
  const left = new Map(nodes.map((n) => [n.alias, new Set(n.dependsOn)]));
  const out: string[] = [];
  while (left.size) {
    const ready = [...left].filter(([, deps]) => [...deps].every((d) => !left.has(d))).map(([a]) => a);
    if (!ready.length) throw new BadRequest(`${field}: dependsOn has a cycle among ${[...left.keys()].join(', ')}`);
    for (const a of ready) {
      out.push(a);
      left.delete(a);
    }
  }
  return out;
}

/**
 * A deployment's request parameters with every reference replaced by the referenced output: a value that is
 * one reference takes the output as it is, a longer string has it spliced in. A missing output is an error
 * naming the alias and key (the deployment fails with it).
 */
export function resolveReferences(params: Record<string, unknown>, outputs: (alias: string) => Record<string, unknown> | undefined): Record<string, unknown> {
  const lookup = (alias: string, key: string): unknown => {
    const o = outputs(alias);
    if (!o || !(key in o)) throw new BadRequest(`aliases.${alias}.result_params.${key} is not an output of deployment ${alias}`);
    return o[key];
  };
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = WHOLE_REFERENCE.exec(v);
      if (whole) return lookup(whole[1]!, whole[2]!);
      return v.replace(REFERENCE, (_m, a: string, k: string) => {
        const x = lookup(a, k);
        return typeof x === 'string' ? x : JSON.stringify(x);
      });
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, resolve(v)]));
}

/** What a run does next with one deployment (the use case performs it). */
export type NextStep = 'create' | 'update' | 'delete' | 'poll' | 'cancel' | 'wait' | 'none' | 'forget';

const SETTLED_BAD: ReadonlySet<DeploymentStatus> = new Set(['FAILED', 'NOT_STARTED']);

/**
 * The next step for `d` among `all`: a wanted deployment is created once everything it depends on is
 * RUNNING (NOT_STARTED when one of them failed or was not started), updated likewise when a Modify changed
 * it; an unwanted one is deleted once no deployment depending on it still has an instance (reverse order);
 * one with work under way is polled.
 */
export function nextStep(d: OrchestrationDeployment, all: readonly OrchestrationDeployment[]): NextStep {
  if (d.status === 'DEPLOYING' || d.status === 'UPDATING' || d.status === 'DELETING') return 'poll';
  const byAlias = new Map(all.map((x) => [x.alias, x]));
  if (d.want === 'absent') {
    if (d.status === 'DELETED' || d.deleteFailed) return 'none';
    if (!d.instanceId) return 'forget';
    const dependentsLeft = all.some((x) => x.alias !== d.alias && x.dependsOn.includes(d.alias) && x.instanceId && x.status !== 'DELETED');
    return dependentsLeft ? 'wait' : 'delete';
  }
  const needs = d.status === 'PENDING' || d.pendingUpdate === true;
  if (!needs) return 'none';
  const deps = d.dependsOn.map((a) => byAlias.get(a));
  if (deps.some((x) => !x || SETTLED_BAD.has(x.status) || x.want === 'absent')) return 'cancel';
  if (deps.every((x) => x!.status === 'RUNNING' && !x!.pendingUpdate)) return d.status === 'PENDING' ? 'create' : 'update';
  return 'wait';
}

/** The run's overall outcome once no deployment has a step left (`FAILED` names the first failed deployment). */
export function outcomeOf(deployments: readonly OrchestrationDeployment[]): { status: 'RUNNING' | 'FAILED'; reason?: string } {
  const failed = deployments.find((d) => d.status === 'FAILED');
  const max = ORCHESTRATION_LIMITS.orchestrationFailedReasonBytes;
  if (failed) return { status: 'FAILED', reason: clip(`deployment ${failed.alias} failed: ${failed.failedReason ?? 'unknown reason'}`, max) };
  const notStarted = deployments.find((d) => d.status === 'NOT_STARTED');
  if (notStarted) return { status: 'FAILED', reason: clip(`deployment ${notStarted.alias} was not started: ${notStarted.statusMessage ?? ''}`.trim(), max) };
  return { status: 'RUNNING' };
}

/** The growing wait between polls (1, 2, 4, 8, 16, then 30 s). */
export function pollWaitSeconds(poll: number): number {
  return Math.min(2 ** Math.min(poll, 5), 30);
}

export function servicesOrchestrationView(item: ServicesOrchestrationItem): z.input<typeof DescribeServicesOrchestrationResult> {
  const results = Object.fromEntries(item.deployments.filter((d) => d.resultParams).map((d) => [d.alias, d.resultParams]));
  return {
    id: item.orchestrationId,
    status: item.status,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(item.orchestrationFailedReason ? { orchestrationFailedReason: item.orchestrationFailedReason } : {}),
    ...(Object.keys(results).length ? { resultParams: results } : {}),
    ServicesTopology: item.deployments.map((d) => ({
      instanceDeploymentAlias: d.alias,
      serviceId: d.serviceId,
      subscriptionId: d.subscriptionId,
      dependsOnDeployment: d.dependsOn,
      status: d.status,
      ...(d.instanceId ? { instanceId: d.instanceId } : {}),
      ...(d.statusMessage ? { statusMessage: d.statusMessage } : {}),
      ...(d.failedReason ? { failedReason: d.failedReason } : {}),
    })),
  };
}
