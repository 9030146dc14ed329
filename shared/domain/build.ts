/**
 * What a build wants, independent of ids: the plan and its resources as a spec (compose spec or service plan
 * spec) describes them, and the pure rules that compare it with what is stored. A build writes only what
 * these rules find different, so building the same spec twice writes nothing (not even `updatedAt`).
 * Type-only imports of entities and schemas (docs/decisions/005).
 */
import type { ContainerSpec, ResourceItem } from '#shared/data/entities/resource.ts';
import type { InputParameterItem, Limits, ParameterType } from '#shared/data/entities/input-parameter.ts';
import type { ProductTierItem, TierFeature } from '#shared/data/entities/product-tier.ts';
import type { ModelType } from '#shared/schemas/service-model.ts';
import type { TierType } from '#shared/schemas/product-tier.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';
import type { ActionHookValue, CapabilityValue, EnvVar } from '#shared/domain/resources.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';

export interface DesiredInputParameter {
  key: string;
  name: string;
  description: string;
  type: ParameterType;
  required: boolean;
  modifiable: boolean;
  hasOptions: boolean;
  isList: boolean;
  options?: string[];
  limits?: Limits;
  defaultValue?: string;
}

/** A configuration file or secret mounted into the resource (a resource file). */
export interface DesiredFile {
  name: string;
  mountPath: string;
  /** `config` or `secret`. */
  type: string;
  content: Buffer;
}

/** A resource as the spec says, keyed by its resource key; references name other resources by key. */
export interface DesiredResource {
  key: string;
  name: string;
  description: string;
  resourceType?: string;
  internal: boolean;
  /** Resources this one depends on (by key), with the parameter map of each edge. */
  dependsOn: { key: string; parameterMap?: Record<string, string> }[];
  actionHooks: ActionHookValue[];
  capabilities: CapabilityValue[];
  environmentVariables: EnvVar[];
  /** Configuration blocks (helm, kustomize, operator, terraform); no load-balancer targets here. */
  configuration: ResourceConfiguration;
  /** Load balancers: targets by resource key, turned into ids when the targets exist. */
  loadBalancer?: LoadBalancerTargets;
  container?: ContainerSpec;
  inputParameters: DesiredInputParameter[];
  files: DesiredFile[];
}

export type LoadBalancerTargets =
  | { kind: 'L7'; paths: { associatedResourceKey: string; path: string; port: number }[] }
  | { kind: 'L4'; ports: { associatedResourceKeys: string[]; ingressPort: number; backendPort: number }[] };

export interface DesiredPlan {
  /** The plan (product tier) name, when the spec names it; else the service's name is used. */
  name?: string;
  tierType: TierType;
  modelType: ModelType;
  features: Record<string, TierFeature>;
}

export interface DesiredDefinition {
  plan: DesiredPlan;
  /** In an order where every resource comes after the resources it depends on or routes to. */
  resources: DesiredResource[];
}

/** The model every plan of a hosting type shares within an environment's API. */
export const MODEL_NAMES: Record<ModelType, string> = {
  OMNISTRATE_HOSTED: 'Omnistrate hosted',
  CUSTOMER_HOSTED: 'Customer hosted',
  BYOA: 'BYOA',
};

/** The tier after applying the plan's type and features; undefined when it already is so. */
export function tierWithPlan(tier: ProductTierItem, plan: DesiredPlan): ProductTierItem | undefined {
  if (tier.tierType === plan.tierType && sameJson(tier.features ?? {}, plan.features)) return undefined;
  return { ...tier, tierType: plan.tierType, features: plan.features };
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The fields a build owns on a resource (what `resourceWithSpec` sets), given the ids of its references. */
export function resourceSpecFields(r: DesiredResource, idOf: (key: string) => string): Partial<ResourceItem> {
  const out: Partial<ResourceItem> = {
    name: r.name,
    description: r.description,
    internal: r.internal,
    dependencies: r.dependsOn.map((d) => ({ resourceId: idOf(d.key), ...(d.parameterMap && Object.keys(d.parameterMap).length ? { parameterMap: d.parameterMap } : {}) })),
    actionHooks: r.actionHooks,
    capabilities: r.capabilities,
    environmentVariables: r.environmentVariables,
    ...r.configuration,
  };
  if (r.loadBalancer?.kind === 'L7') {
    out.l7LoadBalancerConfiguration = {
      paths: r.loadBalancer.paths.map((p) => ({ associatedResourceID: idOf(p.associatedResourceKey), path: p.path, port: p.port })),
    };
  }
  if (r.loadBalancer?.kind === 'L4') {
    out.l4LoadBalancerConfiguration = {
      ingressPortConfiguration: r.loadBalancer.ports.map((p) => ({
        associatedResourceIDs: p.associatedResourceKeys.map(idOf),
        ingressPort: p.ingressPort,
        backendPort: p.backendPort,
      })),
    };
  }
  return out;
}

/** Configuration blocks a build replaces as a whole (absent in the spec = removed from the resource). */
const BUILT_BLOCKS = [
  'helmChartConfiguration',
  'kustomizeConfiguration',
  'operatorCRDConfiguration',
  'terraformConfigurations',
  'l4LoadBalancerConfiguration',
  'l7LoadBalancerConfiguration',
] as const;

/**
 * The resource after applying the spec: the build's fields replaced, every other field (metrics config,
 * labels, bookkeeping) kept. Undefined when nothing the spec owns differs.
 */
export function resourceWithSpec(current: ResourceItem, r: DesiredResource, idOf: (key: string) => string): ResourceItem | undefined {
  const next: ResourceItem = { ...current };
  for (const b of BUILT_BLOCKS) delete next[b];
  delete next.container;
  Object.assign(next, resourceSpecFields(r, idOf));
  if (r.container) next.container = r.container;
  const owned = (x: ResourceItem) =>
    canonicalJson([
      x.name,
      x.description,
      x.internal,
      x.dependencies,
      x.actionHooks,
      x.capabilities,
      x.environmentVariables,
      x.container ?? null,
      ...BUILT_BLOCKS.map((b) => x[b] ?? null),
    ]);
  return owned(next) === owned(current) ? undefined : next;
}

/** The parameter fields a build compares and sets. */
export function parameterFields(p: DesiredInputParameter): Partial<InputParameterItem> {
  return {
    name: p.name,
    description: p.description,
    required: p.required,
    modifiable: p.modifiable,
    hasOptions: p.hasOptions,
    ...(p.options ? { options: p.options } : {}),
    ...(p.limits ? { limits: p.limits } : {}),
    ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  };
}

export type ParameterStep = 'keep' | 'update' | 'replace';

/**
 * How a stored parameter becomes the desired one: kept, updated in place, or replaced. Type and list-ness
 * cannot change on a parameter, and an update keeps the fields it is not given, so a new type, or options,
 * limits or a default the spec no longer has, mean delete and create.
 */
export function parameterStep(current: InputParameterItem, p: DesiredInputParameter): ParameterStep {
  if (current.type !== p.type || current.isList !== p.isList) return 'replace';
  if ((current.options && !p.options) || (current.limits && !p.limits) || (current.defaultValue !== undefined && p.defaultValue === undefined)) return 'replace';
  if (current.labeledOptions || current.dependentResourceId) return 'replace';
  const pick = (x: Partial<InputParameterItem>) =>
    canonicalJson([x.name, x.description, x.required, x.modifiable, x.hasOptions, x.options ?? null, x.limits ?? null, x.defaultValue ?? null]);
  return pick(current) === pick(parameterFields(p)) ? 'keep' : 'update';
}

/** Order resources so that each comes after what it depends on or routes to; a cycle is reported by keys. */
export function buildOrder(resources: DesiredResource[]): DesiredResource[] | { cycle: string[] } {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const refs = (r: DesiredResource) => [
    ...r.dependsOn.map((d) => d.key),
    ...(r.loadBalancer?.kind === 'L7' ? r.loadBalancer.paths.map((p) => p.associatedResourceKey) : []),
    ...(r.loadBalancer?.kind === 'L4' ? r.loadBalancer.ports.flatMap((p) => p.associatedResourceKeys) : []),
  ];
  const out: DesiredResource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (r: DesiredResource): string[] | undefined => {
    if (state.get(r.key) === 'done') return undefined;
    if (state.get(r.key) === 'visiting') return [...stack.slice(stack.indexOf(r.key)), r.key];
    state.set(r.key, 'visiting');
    stack.push(r.key);
    for (const k of refs(r)) {
      const target = byKey.get(k);
      if (!target) continue;
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(r.key, 'done');
    out.push(r);
    return undefined;
  };
  for (const r of resources) {
    const cycle = visit(r);
    if (cycle) return { cycle };
  }
  return out;
}
