/**
 * What an instance is made of, decided from the released definition it is created at (pure rules):
 *
 * - `resolveRequestParams`: the create's `requestParams` against the path resource's input parameters —
 *   unknown keys are 400 naming the key, every value must fit the parameter's type, options and limits,
 *   required ones must be given unless they have a default, and defaults are filled in. Values are kept as
 *   given when they fit (numbers as numbers, booleans as booleans); list parameters take an array or a
 *   comma-separated string.
 * - `placementOf`: `cloud_provider` + `region` against the tier's regions.
 * - `instanceResources`: the path resource and every resource it depends on (transitively), each with its
 *   replica bounds, and `deploymentLevels` orders them dependencies first (level 0 depends on nothing).
 * - `evaluateOutputs`: the instance's `result_params` from the output parameters (the rule is documented on it).
 */
import { BadRequest } from '#shared/errors.ts';
import { listItems, misfit, parseLimits } from '#shared/domain/parameters.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import type { ResourceItem } from '#shared/data/entities/resource.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { InstanceResourceState } from '#shared/data/entities/resource-instance.ts';

type InputShape = Pick<InputParameterItem, 'key' | 'type' | 'required' | 'isList' | 'options' | 'labeledOptions' | 'limits' | 'defaultValue' | 'modifiable'>;

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** One value checked against its parameter (`field` names it in messages). */
function checkValue(p: InputShape, value: unknown, field: string): void {
  if (value === null || value === undefined) throw new BadRequest(`${field} must not be null`);
  if (p.type !== 'JSON' && typeof value === 'object' && !(p.isList && Array.isArray(value))) throw new BadRequest(`${field} must be a ${p.type} value`);
  const limits = parseLimits(p.limits);
  const options = [...(p.options ?? []), ...Object.values(p.labeledOptions ?? {})];
  const values = p.isList ? (Array.isArray(value) ? value.map(asText) : listItems(asText(value))) : [p.type === 'JSON' && typeof value === 'object' ? JSON.stringify(value) : asText(value)];
  for (const v of values) {
    const why = misfit(p.type, v, limits);
    if (why) throw new BadRequest(`${field} ${JSON.stringify(v)} ${why}`);
    if (options.length && !options.includes(v)) throw new BadRequest(`${field} ${JSON.stringify(v)} is not one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  }
}

/** A default as stored (text) turned into the value the parameter's type holds. */
function defaultOf(p: InputShape): unknown {
  const d = p.defaultValue!;
  if (p.isList) return listItems(d);
  if (p.type === 'Float64') return Number(d);
  if (p.type === 'Boolean') return /^true$/i.test(d.trim());
  return d;
}

/** The validated request parameters with defaults filled (see the module comment). */
export function resolveRequestParams(
  params: readonly InputShape[],
  given: Record<string, unknown> = {},
  field = 'body.requestParams',
  /** Keys whose value is known only later (an orchestration's `{{ aliases… }}` reference): present, not yet checked. */
  deferred: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const byKey = new Map(params.map((p) => [p.key, p]));
  for (const k of Object.keys(given)) if (!byKey.has(k)) throw new BadRequest(`${field}.${k} is not an input parameter of this resource`);
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const v = given[p.key];
    if (deferred.has(p.key)) {
      out[p.key] = v;
      continue;
    }
    if (v === undefined || v === '') {
      if (p.defaultValue !== undefined && p.defaultValue !== '') out[p.key] = defaultOf(p);
      else if (p.required) throw new BadRequest(`${field}.${p.key} is required`);
      continue;
    }
    checkValue(p, v, `${field}.${p.key}`);
    out[p.key] = v;
  }
  return out;
}

export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Where an instance of a plan that lists no regions at all goes when the body names none. */
const DEFAULT_REGION: Record<Cloud, string> = { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' };

/**
 * The cloud and region of a new instance: the cloud must be one the tier lists regions for (or, when the tier
 * lists none at all, any of aws/gcp/azure), and the region one of that cloud's. Either may be left out when
 * there is exactly one choice.
 */
export function placementOf(tier: Pick<ProductTierItem, 'awsRegions' | 'gcpRegions' | 'azureRegions'>, cloud?: string, region?: string): { cloudProvider: Cloud; region: string } {
  const regions: Record<Cloud, string[]> = { aws: tier.awsRegions ?? [], gcp: tier.gcpRegions ?? [], azure: tier.azureRegions ?? [] };
  const open = CLOUDS.every((c) => regions[c].length === 0);
  const offered = open ? [...CLOUDS] : CLOUDS.filter((c) => regions[c].length > 0);
  const c = cloud?.trim().toLowerCase() || (offered.length === 1 || open ? offered[0] : undefined);
  if (!c) throw new BadRequest(`body.cloud_provider is required: this plan runs on ${offered.join(', ')}`);
  if (!(offered as string[]).includes(c)) throw new BadRequest(`body.cloud_provider ${JSON.stringify(cloud)} is not offered by this plan (${offered.join(', ')})`);
  const cloudRegions = regions[c as Cloud];
  const r = region?.trim() || (open ? DEFAULT_REGION[c as Cloud] : cloudRegions.length === 1 ? cloudRegions[0] : undefined);
  if (!r) throw new BadRequest(`body.region is required: this plan runs on ${c} in ${cloudRegions.join(', ')}`);
  if (!open && !cloudRegions.includes(r)) throw new BadRequest(`body.region ${JSON.stringify(r)} is not a ${c} region of this plan (${cloudRegions.join(', ')})`);
  return { cloudProvider: c as Cloud, region: r };
}

const capability = (r: ResourceItem, name: string) => (r.capabilities ?? []).find((c) => c.capability.toUpperCase() === name)?.configuration;
const int = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

/**
 * A resource's replicas at create: its compose `replicaCount`, or the value of its `replicaCountAPIParam`
 * parameter, else 1; bounded by its AUTOSCALING capability's `minReplicas`/`maxReplicas` when it has one
 * (else exactly that count). Multi-zone when it has the ENABLE_MULTI_ZONE capability.
 */
export function replicasOf(r: ResourceItem, params: Record<string, unknown>): Pick<InstanceResourceState, 'replicas' | 'minReplicas' | 'maxReplicas' | 'multiZone'> {
  const compute = (r.container?.compute ?? {}) as { replicaCount?: unknown; replicaCountAPIParam?: unknown };
  const fromParam = typeof compute.replicaCountAPIParam === 'string' ? int(params[compute.replicaCountAPIParam]) : undefined;
  let replicas = fromParam ?? int(compute.replicaCount) ?? 1;
  const auto = capability(r, 'AUTOSCALING') as { minReplicas?: unknown; maxReplicas?: unknown } | undefined;
  const min = int(auto?.minReplicas) ?? (auto ? Math.min(1, replicas) : replicas);
  const max = Math.max(int(auto?.maxReplicas) ?? replicas, min);
  replicas = Math.min(Math.max(replicas, min), max);
  return { replicas, minReplicas: min, maxReplicas: max, multiZone: capability(r, 'ENABLE_MULTI_ZONE') !== undefined || capability(r, 'MULTI_ZONE') !== undefined };
}

/** The path resource and everything it depends on, by id (ids outside `all` are ignored). */
export function instanceResources<T extends { resource: ResourceItem }>(all: readonly T[], rootId: string): T[] {
  const byId = new Map(all.map((r) => [r.resource.resourceId, r]));
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    for (const d of byId.get(id)!.resource.dependencies ?? []) stack.push(d.resourceId);
  }
  return all.filter((r) => seen.has(r.resource.resourceId));
}

/** Resource ids by level, dependencies first: a resource's level is one past its deepest dependency's. */
export function deploymentLevels(resources: readonly { resourceId: string; dependsOn: readonly string[] }[]): string[][] {
  const ids = new Set(resources.map((r) => r.resourceId));
  const deps = new Map(resources.map((r) => [r.resourceId, r.dependsOn.filter((d) => ids.has(d))]));
  const level = new Map<string, number>();
  const visit = (id: string, path: Set<string>): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (path.has(id)) throw new BadRequest(`the resources' dependencies form a cycle through ${id}`);
    path.add(id);
    const l = Math.max(-1, ...deps.get(id)!.map((d) => visit(d, path))) + 1;
    path.delete(id);
    level.set(id, l);
    return l;
  };
  const out: string[][] = [];
  for (const r of resources) {
    const l = visit(r.resourceId, new Set());
    (out[l] ??= []).push(r.resourceId);
  }
  return out.filter(Boolean);
}

const TEMPLATE = /\{\{\s*\$?([A-Za-z_][\w-]*)(?:\.([\w.-]+))?\s*\}\}/g;

/**
 * An output parameter's value, the evaluation rule of result_params:
 * - `valueRef` names one of the resource's outputs: its value (`''` when the resource reported none);
 * - otherwise `value` is a template: `{{ $var.<key> }}` is the instance's request parameter `<key>`,
 *   `{{ $sys.<name> }}` and `{{ <name> }}` the resource's output `<name>` (what its driver reported: e.g.
 *   `endpoint`, `port`); anything else is kept as written. A value without `{{` is a literal.
 */
export function evaluateOutput(p: Pick<OutputParameterItem, 'value' | 'valueRef'>, outputs: Record<string, string>, params: Record<string, unknown>): string {
  if (p.valueRef) return outputs[p.valueRef] ?? '';
  return (p.value ?? '').replace(TEMPLATE, (whole, head: string, rest: string | undefined) => {
    if (head === 'var' && rest) return params[rest] === undefined ? '' : asText(params[rest]);
    if (head === 'sys' && rest) return outputs[rest] ?? '';
    if (!rest) return outputs[head] ?? whole;
    return whole;
  });
}

/** result_params: every output parameter of the instance's resources by key; the path resource's win a clash. */
export function evaluateOutputs(
  resources: readonly { resourceId: string; outputParameters: readonly Pick<OutputParameterItem, 'key' | 'value' | 'valueRef'>[] }[],
  outputsOf: (resourceId: string) => Record<string, string>,
  params: Record<string, unknown>,
  rootId: string,
): Record<string, string> {
  const ordered = [...resources].sort((a, b) => (a.resourceId === rootId ? 1 : 0) - (b.resourceId === rootId ? 1 : 0));
  const out: Record<string, string> = {};
  for (const r of ordered) for (const p of r.outputParameters) out[p.key] = evaluateOutput(p, outputsOf(r.resourceId), params);
  return out;
}

/** Whether creating on the plan needs payment configured (it charges: it has a price or a billing product). */
export function planCharges(tier: Pick<ProductTierItem, 'pricing' | 'pricePerUnit' | 'billingProductID'>): boolean {
  const nonEmpty = (v: unknown) => v !== null && v !== undefined && (typeof v !== 'object' || Object.keys(v as object).length > 0) && v !== '';
  return nonEmpty(tier.pricing) || nonEmpty(tier.pricePerUnit) || nonEmpty(tier.billingProductID);
}
