/**
 * Rules of a resource's own definition: its type, action hooks, capabilities, environment variables, and the
 * credentials inside its configurations that are stored but never read back.
 */
import { BadRequest } from '#shared/errors.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';

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

export interface ActionHookValue {
  scope: string;
  type: string;
  commandTemplate: string;
  customCommand?: string[];
  customImage?: string;
}

export function hookIdentity(scope: string, type: string): { scope: string; type: string } {
  return { scope: canonical(scope, HOOK_SCOPES, 'scope'), type: canonical(type, HOOK_TYPES, 'type') };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Validates and normalizes a hook; the command template must be base64 (the runtime decodes it). */
export function actionHook(input: ActionHookValue): ActionHookValue {
  const { scope, type } = hookIdentity(input.scope, input.type);
  const commandTemplate = input.commandTemplate.trim();
  if (!BASE64.test(commandTemplate)) throw new BadRequest('commandTemplate must be base64-encoded');
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

export interface CapabilityValue {
  capability: string;
  configuration: Record<string, unknown>;
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

export interface EnvVar {
  key: string;
  value: string;
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
