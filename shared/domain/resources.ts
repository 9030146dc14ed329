/**
 * Rules of a resource's own definition: its type, action hooks, capabilities, environment variables, and the
 * credentials inside its configurations that are stored but never read back.
 */
import type { z } from 'zod';
import { BadRequest, NotFound } from '#shared/errors.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';
import type { DescribeResourceMetricsConfigResult, DescribeResourceResult } from '#shared/schemas/resource.ts';
import type { ActionHookValue, CapabilityValue, Dependency, EnvVar, ResourceItem } from '#shared/data/entities/resource.ts';

export type { ActionHookValue, CapabilityValue, EnvVar } from '#shared/data/entities/resource.ts';

export const RESOURCE_TYPES = [
  'Generic',
  'PortsBasedProxy',
  'L4LoadBalancer',
  'L7LoadBalancer',
  'FileSystem',
  'OperatorCRD',
  'HelmChart',
  'Kustomize',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Proxies a resource marked `isProxy` may be. */
const PROXY_TYPES: readonly ResourceType[] = ['PortsBasedProxy', 'L4LoadBalancer', 'L7LoadBalancer'];

function canonical<T extends string>(value: string, allowed: readonly T[], field: string): T {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new BadRequest(`${field} must be one of ${allowed.join(', ')}`);
  return found;
}

export interface TypeInput extends ResourceConfiguration {
  resourceType?: string;
  isProxy?: boolean;
  proxyType?: string;
  fileSystemConfiguration?: unknown;
}

/** The configuration block each type needs; a resource carries at most one of them. */
const TYPE_BY_CONFIG: [keyof TypeInput, ResourceType][] = [
  ['helmChartConfiguration', 'HelmChart'],
  ['kustomizeConfiguration', 'Kustomize'],
  ['operatorCRDConfiguration', 'OperatorCRD'],
  ['l4LoadBalancerConfiguration', 'L4LoadBalancer'],
  ['l7LoadBalancerConfiguration', 'L7LoadBalancer'],
  ['fileSystemConfiguration', 'FileSystem'],
];

/**
 * The resource's type and proxy type: the given `resourceType` (any case), else inferred from the one
 * configuration block present, else the proxy type for proxies, else Generic. Contradictions are 400s.
 */
export function resolveResourceType(input: TypeInput): { resourceType: ResourceType; proxyType?: ResourceType } {
  const present = TYPE_BY_CONFIG.filter(([field]) => input[field] !== undefined);
  if (present.length > 1) {
    throw new BadRequest(`a resource takes only one of ${present.map(([f]) => f).join(', ')}`);
  }
  const fromConfig = present[0]?.[1];
  const given = input.resourceType?.trim() ? canonical(input.resourceType, RESOURCE_TYPES, 'resourceType') : undefined;
  const askedProxy = input.isProxy
    ? canonical(input.proxyType || given || fromConfig || 'PortsBasedProxy', PROXY_TYPES, 'proxyType')
    : undefined;
  const resourceType = given ?? fromConfig ?? askedProxy ?? 'Generic';
  if (fromConfig && resourceType !== fromConfig) {
    throw new BadRequest(`resourceType ${resourceType} does not match the ${present[0][0]} given`);
  }
  if (askedProxy && resourceType !== askedProxy) {
    throw new BadRequest(`resourceType ${resourceType} does not match proxyType ${askedProxy}`);
  }
  const needed = TYPE_BY_CONFIG.find(([, t]) => t === resourceType);
  // Load balancers and file systems may be declared bare; chart, CRD and kustomize units need their source.
  if (needed && !fromConfig && ['HelmChart', 'Kustomize', 'OperatorCRD'].includes(resourceType)) {
    throw new BadRequest(`resourceType ${resourceType} requires ${needed[0]}`);
  }
  const proxyType = PROXY_TYPES.includes(resourceType) ? resourceType : undefined;
  return { resourceType, proxyType };
}

export const HOOK_SCOPES = ['NODE', 'CLUSTER'] as const;
export const HOOK_TYPES = [
  'INIT',
  'ADD',
  'REMOVE',
  'PROMOTE',
  'DEMOTE',
  'HEALTH_CHECK',
  'READINESS_CHECK',
  'STARTUP_CHECK',
  'PRE_START',
  'POST_START',
  'PRE_UPGRADE',
  'POST_UPGRADE',
  'PRE_STOP',
  'POST_STOP',
] as const;

export function hookIdentity(scope: string, type: string): { scope: string; type: string } {
  return { scope: canonical(scope, HOOK_SCOPES, 'scope'), type: canonical(type, HOOK_TYPES, 'type') };
}

const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[c.charCodeAt(0)] = 1;

/**
 * Canonical base64 (groups of four, `=` padding only at the end). One pass over the string: a regular
 * expression with a repeated group recursed per group and overflowed the stack on a few MiB.
 */
export function isBase64(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  let end = s.length;
  if (s.endsWith('==')) end -= 2;
  else if (s.endsWith('=')) end -= 1;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || !B64[c]) return false;
  }
  return true;
}

/** Validates and normalizes a hook; the command template must be base64 (the runtime decodes it). */
export function actionHook(input: ActionHookValue): ActionHookValue {
  const { scope, type } = hookIdentity(input.scope, input.type);
  const commandTemplate = input.commandTemplate.trim();
  if (!isBase64(commandTemplate)) throw new BadRequest('commandTemplate must be base64-encoded');
  return {
    scope,
    type,
    commandTemplate,
    ...(input.customCommand?.length ? { customCommand: input.customCommand } : {}),
    ...(input.customImage ? { customImage: input.customImage } : {}),
  };
}

/** One hook per (scope, type): registering again replaces it. */
export function withHook(hooks: ActionHookValue[], hook: ActionHookValue): ActionHookValue[] {
  const rest = hooks.filter((h) => h.scope !== hook.scope || h.type !== hook.type);
  return [...rest, hook];
}

/** Capability names are upper-case identifiers (SERVERLESS, AUTOSCALING, BACKUP, CUSTOM_DNS, …). */
export function capabilityName(raw: string): string {
  const name = raw.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new BadRequest('capability must be an identifier such as SERVERLESS');
  return name;
}

export function withCapability(caps: CapabilityValue[], cap: CapabilityValue): CapabilityValue[] {
  return [...caps.filter((c) => c.capability !== cap.capability), cap];
}

/** Sets variables by key: existing keys get the new value in place, new keys are appended. */
export function mergeEnvironment(current: EnvVar[], set: EnvVar[]): EnvVar[] {
  const incoming = new Map(set.map((v) => [v.key, v.value]));
  const out = current.map((v) => (incoming.has(v.key) ? { key: v.key, value: incoming.get(v.key)! } : v));
  const known = new Set(current.map((v) => v.key));
  for (const [key, value] of incoming) if (!known.has(key)) out.push({ key, value });
  return out;
}

export function unsetEnvironment(current: EnvVar[], keys: string[]): EnvVar[] {
  const drop = new Set(keys);
  return current.filter((v) => !drop.has(v.key));
}

/** Later entries win when a request repeats a key. */
export function dedupeEnvironment(vars: EnvVar[]): EnvVar[] {
  return mergeEnvironment([], vars);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Credential fields inside configuration blocks: kept in the table, never returned by describe/list. */
const SECRET_FIELDS = new Set(['password', 'accessToken', 'privateModuleGitAccessTokens']);

/** A deep copy of `value` without credential fields. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v)) as T;
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET_FIELDS.has(k)) out[k] = redactSecrets(v);
  return out as T;
}

/**
 * Clients send back what describe showed them (credentials omitted): a credential missing from the new
 * block is carried over from the stored one at the same place, so a round trip does not wipe it.
 */
export function carrySecrets<T>(stored: unknown, next: T): T {
  if (Array.isArray(next) && Array.isArray(stored)) return next.map((v, i) => carrySecrets(stored[i], v)) as T;
  if (!isObj(next) || !isObj(stored)) return next;
  const out: Obj = { ...next };
  for (const [k, v] of Object.entries(stored)) {
    if (SECRET_FIELDS.has(k) && out[k] === undefined) out[k] = v;
    else if (k in out) out[k] = carrySecrets(v, out[k]);
  }
  return out as T;
}

// ---------------------------------------------------------------------------- changes of one resource
// Each takes the resource as read and answers the next state, or undefined when nothing changes (the use
// case then writes nothing and records no change).

export function deprecated(r: ResourceItem): ResourceItem | undefined {
  return r.isDeprecated ? undefined : { ...r, isDeprecated: true };
}

export function withActionHook(r: ResourceItem, hook: ActionHookValue): ResourceItem {
  return { ...r, actionHooks: withHook(r.actionHooks, hook) };
}

/** 404 `action hook` when none is registered for (scope, type). */
export function withoutActionHook(r: ResourceItem, scope: string, type: string): ResourceItem {
  const id = hookIdentity(scope, type);
  const rest = r.actionHooks.filter((h) => h.scope !== id.scope || h.type !== id.type);
  if (rest.length === r.actionHooks.length) throw new NotFound('action hook');
  return { ...r, actionHooks: rest };
}

export function withEnabledCapability(r: ResourceItem, capability: string, configuration: Record<string, unknown> | undefined): ResourceItem {
  return { ...r, capabilities: withCapability(r.capabilities, { capability: capabilityName(capability), configuration: configuration ?? {} }) };
}

/** 404 `capability` when it is not enabled. */
export function withDisabledCapability(r: ResourceItem, capability: string): ResourceItem {
  const name = capabilityName(capability);
  if (!r.capabilities.some((c) => c.capability === name)) throw new NotFound('capability');
  return { ...r, capabilities: r.capabilities.filter((c) => c.capability !== name) };
}

export function withEnvironmentVariables(r: ResourceItem, set: EnvVar[]): ResourceItem | undefined {
  const merged = mergeEnvironment(r.environmentVariables, set);
  return JSON.stringify(merged) === JSON.stringify(r.environmentVariables) ? undefined : { ...r, environmentVariables: merged };
}

export function withoutEnvironmentVariables(r: ResourceItem, keys: string[]): ResourceItem | undefined {
  const rest = unsetEnvironment(r.environmentVariables, keys);
  return rest.length === r.environmentVariables.length ? undefined : { ...r, environmentVariables: rest };
}

export function withMetricsEndpoint(r: ResourceItem, metricEndpoint: string): ResourceItem | undefined {
  return r.metricsConfig?.metricEndpoint === metricEndpoint ? undefined : { ...r, metricsConfig: { metricEndpoint } };
}

/** 404 `metrics config` when none is registered. */
export function withoutMetricsEndpoint(r: ResourceItem): ResourceItem {
  if (!r.metricsConfig) throw new NotFound('metrics config');
  const { metricsConfig: _gone, ...rest } = r;
  return rest;
}

/** 404 `resource dependency` when the resource does not depend on `dependencyId`. */
export function withoutDependency(r: ResourceItem, dependencyId: string): ResourceItem {
  if (!r.dependencies.some((d) => d.resourceId === dependencyId)) throw new NotFound('resource dependency');
  return { ...r, dependencies: r.dependencies.filter((d) => d.resourceId !== dependencyId) };
}

/** Adds (or replaces the parameter map of) a dependency; undefined when it is already exactly so. */
export function withDependency(r: ResourceItem, dependencyId: string, parameterMap: Record<string, string> | undefined): ResourceItem | undefined {
  const entry: Dependency = { resourceId: dependencyId, ...(parameterMap ? { parameterMap } : {}) };
  const existing = r.dependencies.find((d) => d.resourceId === dependencyId);
  if (existing && JSON.stringify(existing) === JSON.stringify(entry)) return undefined;
  return {
    ...r,
    dependencies: existing ? r.dependencies.map((d) => (d.resourceId === dependencyId ? entry : d)) : [...r.dependencies, entry],
  };
}

export function dedupeDependencies(deps: Dependency[]): Dependency[] {
  const byId = new Map<string, Dependency>();
  for (const d of deps) byId.set(d.resourceId.trim(), { resourceId: d.resourceId.trim(), ...(d.parameterMap ? { parameterMap: d.parameterMap } : {}) });
  return [...byId.values()];
}

/** Ids a resource points at: dependencies and load balancer targets. Deleting any of them is refused. */
export function referencedIds(r: Pick<ResourceItem, 'dependencies' | 'l4LoadBalancerConfiguration' | 'l7LoadBalancerConfiguration'>): string[] {
  const ids = new Set(r.dependencies.map((d) => d.resourceId));
  for (const p of r.l4LoadBalancerConfiguration?.ingressPortConfiguration ?? []) for (const id of p.associatedResourceIDs) ids.add(id);
  for (const p of r.l7LoadBalancerConfiguration?.paths ?? []) ids.add(p.associatedResourceID);
  return [...ids];
}

/** A load balancer of `r` may not route to `r` itself. */
export function checkLoadBalancerSelf(r: ResourceItem): void {
  if (referencedIds({ ...r, dependencies: [] }).includes(r.resourceId)) throw new BadRequest('a load balancer cannot route to itself');
}

/** Two states of a resource hold the same definition (bookkeeping aside). */
export function sameDefinition(a: ResourceItem, b: ResourceItem): boolean {
  const strip = ({ version: _v, updatedAt: _u, ...rest }: ResourceItem) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Configuration blocks copied verbatim from requests (after validation). */
export const CONFIG_FIELDS = [
  'additionalSecurityContext',
  'backupConfiguration',
  'customLabels',
  'customSysCTLs',
  'customULimits',
  'helmChartConfiguration',
  'imageConfigId',
  'infraConfigId',
  'jobConfig',
  'kustomizeConfiguration',
  'l4LoadBalancerConfiguration',
  'l7LoadBalancerConfiguration',
  'operatorCRDConfiguration',
  'terraformConfigurations',
] as const satisfies readonly (keyof ResourceConfiguration)[];

/** The configuration blocks present in `input`, each passed through `map`. */
export function configurationOf(input: ResourceConfiguration, map: <T>(field: keyof ResourceConfiguration, v: T) => T = (_f, v) => v): ResourceConfiguration {
  const config: Record<string, unknown> = {};
  for (const f of CONFIG_FIELDS) if (input[f] !== undefined) config[f] = map(f, input[f]);
  return config as ResourceConfiguration;
}

// ------------------------------------------------------------------------------------------- views

/** The describe view: every required field filled, credentials left out, bookkeeping hidden. */
export function resourceView(r: ResourceItem): z.input<typeof DescribeResourceResult> {
  return {
    id: r.resourceId,
    serviceId: r.serviceId,
    productTierId: r.productTierId,
    name: r.name,
    key: r.key,
    description: r.description,
    resourceType: r.resourceType,
    internal: r.internal,
    isDeprecated: r.isDeprecated,
    ...(r.proxyType ? { proxyType: r.proxyType } : {}),
    actionHooks: r.actionHooks,
    capabilities: r.capabilities,
    dependencies: r.dependencies,
    environmentVariables: r.environmentVariables,
    ...(r.blobStorageConfiguration ? { blobStorageConfiguration: r.blobStorageConfiguration } : {}),
    ...(r.fileSystemConfiguration ? { fileSystemConfiguration: r.fileSystemConfiguration } : {}),
    ...configurationOf(r, (_f, v) => redactSecrets(v)),
  } as z.input<typeof DescribeResourceResult>;
}

/** 404 `metrics config` when none is registered. */
export function metricsConfigView(r: ResourceItem): z.input<typeof DescribeResourceMetricsConfigResult> {
  if (!r.metricsConfig) throw new NotFound('metrics config');
  return { id: r.resourceId, serviceId: r.serviceId, metricEndpoint: r.metricsConfig.metricEndpoint };
}
