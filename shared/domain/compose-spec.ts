/**
 * A compose spec with its `x-omnistrate-*` extensions → the definition a build wants (shared/domain/build.ts).
 * Pure: YAML in, a validated DesiredDefinition out, or a 400 naming the line and key of the first problem
 * (invalid YAML, an unknown extension, a reference to a service, volume, config, secret or `$var.` parameter
 * the spec does not define, a dependency cycle).
 *
 * What maps to what: each compose service is a resource keyed by its name with the first letter lower-cased
 * (`PGAdmin` → `pGAdmin`); its `x-omnistrate-api-params` are its input parameters; `environment`,
 * `x-omnistrate-actionhooks` (command templates stored base64) and `x-omnistrate-capabilities` (one
 * capability per key, `enableMultiZone` → `ENABLE_MULTI_ZONE`) go on the resource; image, command, ports,
 * volumes (with `x-omnistrate-storage`), `x-omnistrate-compute` and `deploy.resources` are its container
 * spec; `configs` and `secrets` are resource files whose bytes come with the request. Each entry of
 * `x-omnistrate-load-balancer` is a load-balancer resource routing to resource keys.
 */
import { BadRequest } from '#shared/errors.ts';
import { deriveResourceKey } from '#shared/domain/keys.ts';
import { capabilityName, hookIdentity } from '#shared/domain/resources.ts';
import { mountPath as checkMountPath } from '#shared/domain/resource-files.ts';
import { checkInputParameter, parameterType } from '#shared/domain/parameters.ts';
import { buildOrder, type DesiredDefinition, type DesiredFile, type DesiredInputParameter, type DesiredPlan, type DesiredResource } from '#shared/domain/build.ts';
import { parseSpecYaml, specError, validateSpec, type SpecDocument, type SpecPath } from '#shared/domain/compose/yaml.ts';
import { ApiParam, ComposeDocument, ComposeService, EXTENSIONS } from '#shared/domain/compose/schema.ts';
import type { z } from 'zod';
import type { ContainerSpec } from '#shared/data/entities/resource.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';

type Service = z.output<typeof ComposeService>;
type Top = z.output<typeof ComposeDocument>;

/** File contents sent beside the spec: compose config/secret name → base64 bytes. */
export interface SpecFiles {
  configs?: Record<string, string>;
  secrets?: Record<string, string>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const VAR = /\$var\.([A-Za-z][A-Za-z0-9_]*)/g;

/** `enableMultiZone` → `ENABLE_MULTI_ZONE`. */
export function capabilityNameOf(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** Refuses `x-omnistrate-*` keys that are not among `known`. */
function checkExtensions(doc: SpecDocument, value: unknown, path: SpecPath, known: readonly string[]): void {
  if (!isObj(value)) return;
  for (const k of Object.keys(value)) {
    if (k.startsWith('x-omnistrate-') && !known.includes(k)) {
      throw specError(doc, [...path, k], `unknown extension; known here: ${known.join(', ')}`);
    }
  }
}

const words = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : v.split(/\s+/).filter(Boolean);

function environmentOf(env: Service['environment']): { key: string; value: string }[] {
  const out = new Map<string, string>();
  if (Array.isArray(env)) {
    for (const e of env) {
      const i = e.indexOf('=');
      out.set((i < 0 ? e : e.slice(0, i)).trim(), i < 0 ? '' : e.slice(i + 1));
    }
  } else if (env) for (const [k, v] of Object.entries(env)) out.set(k, v ?? '');
  return [...out].filter(([k]) => k !== '').map(([key, value]) => ({ key, value }));
}

function portsOf(doc: SpecDocument, base: SpecPath, ports: Service['ports']): ContainerSpec['ports'] {
  return (ports ?? []).map((p, i) => {
    if (typeof p !== 'string') return { target: p.target, ...(p.published !== undefined ? { published: p.published } : {}), protocol: p.protocol ?? 'tcp' };
    const m = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?(?:([0-9]{1,5}):)?([0-9]{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(p.trim());
    if (!m) throw specError(doc, [...base, 'ports', i], `"${p}" is not a port mapping such as 8080:80 or 5432`);
    return { target: Number(m[2]), ...(m[1] ? { published: Number(m[1]) } : {}), protocol: (m[3] ?? 'tcp').toLowerCase() };
  });
}

function volumesOf(doc: SpecDocument, base: SpecPath, svc: Service, named: Set<string>): ContainerSpec['volumes'] {
  return (svc.volumes ?? []).map((v, i) => {
    const at = [...base, 'volumes', i];
    let vol: ContainerSpec['volumes'][number];
    if (typeof v === 'string') {
      const [source, target, mode] = v.split(':');
      vol = target === undefined ? { type: 'volume', target: source } : { type: /^[./~]/.test(source) ? 'bind' : 'volume', source, target, ...(mode === 'ro' ? { readOnly: true } : {}) };
    } else {
      checkExtensions(doc, v, at, EXTENSIONS.volume);
      const type = v.type ?? (v.source && /^[./~]/.test(v.source) ? 'bind' : 'volume');
      vol = { type, ...(v.source ? { source: v.source } : {}), target: v.target, ...(v.read_only ? { readOnly: true } : {}), ...(v['x-omnistrate-storage'] ? { storage: v['x-omnistrate-storage'] } : {}) };
    }
    if (vol.type === 'volume' && vol.source && !named.has(vol.source)) {
      throw specError(doc, at, `names volume ${vol.source}, which the spec's top-level volumes do not define`);
    }
    if (!vol.target.startsWith('/')) throw specError(doc, at, `the mount target ${vol.target} must be an absolute path`);
    return vol;
  });
}

/** An api parameter of a spec as an input parameter, checked by the parameter rules (400 at its line). */
export function inputParameterOf(doc: SpecDocument, at: SpecPath, p: z.output<typeof ApiParam>): DesiredInputParameter {
  let type;
  try {
    type = parameterType(p.type);
  } catch (e) {
    throw specError(doc, [...at, 'type'], (e as Error).message.replace(/^type /, ''));
  }
  const limits = p.limits && Object.fromEntries(Object.entries(p.limits).filter(([, v]) => v !== undefined));
  const param: DesiredInputParameter = {
    key: p.key,
    name: p.name,
    description: p.description,
    type,
    required: p.required,
    modifiable: p.modifiable,
    hasOptions: Boolean(p.options?.length),
    isList: p.isList,
    ...(p.options?.length ? { options: p.options } : {}),
    ...(limits && Object.keys(limits).length ? { limits } : {}),
    ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  };
  try {
    checkInputParameter(param as unknown as InputParameterItem);
  } catch (e) {
    throw specError(doc, at, (e as Error).message);
  }
  return param;
}

function decodeFile(kind: 'configs' | 'secrets', name: string, b64: string | undefined, inline?: string): Buffer {
  if (b64 !== undefined) {
    const compact = b64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw new BadRequest(`body.${kind}.${name} must be base64-encoded`);
    return Buffer.from(compact, 'base64');
  }
  if (inline !== undefined) return Buffer.from(inline, 'utf8');
  throw new BadRequest(`body.${kind}.${name} is required: the spec mounts ${kind === 'configs' ? 'config' : 'secret'} ${name}; send its content (base64) in the request's ${kind}`);
}

function filesOf(doc: SpecDocument, base: SpecPath, svc: Service, top: Top, files: SpecFiles): DesiredFile[] {
  const out: DesiredFile[] = [];
  for (const kind of ['configs', 'secrets'] as const) {
    (svc[kind] ?? []).forEach((ref, i) => {
      const source = typeof ref === 'string' ? ref : ref.source;
      const declared = top[kind]?.[source];
      if (!top[kind] || !(source in top[kind]!)) throw specError(doc, [...base, kind, i], `names ${kind === 'configs' ? 'config' : 'secret'} ${source}, which the spec's top-level ${kind} do not define`);
      const target = (typeof ref === 'string' ? undefined : ref.target) ?? (kind === 'configs' ? `/${source}` : `/run/secrets/${source}`);
      let mountPath: string;
      try {
        mountPath = checkMountPath(target);
      } catch (e) {
        throw specError(doc, [...base, kind, i], (e as Error).message);
      }
      const inline = kind === 'configs' ? (declared as { content?: string } | null)?.content : undefined;
      out.push({ name: source, mountPath, type: kind === 'configs' ? 'config' : 'secret', content: decodeFile(kind, source, files[kind]?.[source], inline) });
    });
  }
  return out;
}

/** `$var.<key>` references inside a service, each with where it sits. */
function variableUses(svc: Service, base: SpecPath): { key: string; at: SpecPath }[] {
  const uses: { key: string; at: SpecPath }[] = [];
  const scan = (s: string, at: SpecPath) => {
    for (const m of s.matchAll(VAR)) uses.push({ key: m[1], at });
  };
  const env = svc.environment;
  if (Array.isArray(env)) env.forEach((e, i) => scan(e, [...base, 'environment', i]));
  else if (env) for (const [k, v] of Object.entries(env)) scan(v ?? '', [...base, 'environment', k]);
  for (const f of ['command', 'entrypoint'] as const) for (const w of words(svc[f]) ?? []) scan(w, [...base, f]);
  (svc['x-omnistrate-actionhooks'] ?? []).forEach((h, i) => scan(h.commandTemplate, [...base, 'x-omnistrate-actionhooks', i, 'commandTemplate']));
  const compute = svc['x-omnistrate-compute'];
  compute?.instanceTypes?.forEach((t, i) => t.apiParam && uses.push({ key: t.apiParam, at: [...base, 'x-omnistrate-compute', 'instanceTypes', i, 'apiParam'] }));
  if (compute?.replicaCountAPIParam) uses.push({ key: compute.replicaCountAPIParam, at: [...base, 'x-omnistrate-compute', 'replicaCountAPIParam'] });
  (svc.volumes ?? []).forEach((v, i) => {
    if (typeof v === 'string' || !v['x-omnistrate-storage']) return;
    for (const [cloud, cfg] of Object.entries(v['x-omnistrate-storage'])) {
      if (!isObj(cfg)) continue;
      for (const [k, val] of Object.entries(cfg)) {
        if (k.endsWith('APIParam') && typeof val === 'string') uses.push({ key: val, at: [...base, 'volumes', i, 'x-omnistrate-storage', cloud, k] });
      }
    }
  });
  return uses;
}

function resourceOf(doc: SpecDocument, name: string, svc: Service, top: Top, files: SpecFiles, named: Set<string>): DesiredResource {
  const base = ['services', name];
  const params = (svc['x-omnistrate-api-params'] ?? []).map((p, i) => inputParameterOf(doc, [...base, 'x-omnistrate-api-params', i], p));
  const seen = new Set<string>();
  params.forEach((p, i) => {
    if (seen.has(p.key)) throw specError(doc, [...base, 'x-omnistrate-api-params', i, 'key'], `parameter ${p.key} is declared twice`);
    seen.add(p.key);
  });
  for (const use of variableUses(svc, base)) {
    if (!seen.has(use.key)) throw specError(doc, use.at, `references $var.${use.key}, which is not among ${name}'s x-omnistrate-api-params`);
  }
  const hooks = (svc['x-omnistrate-actionhooks'] ?? []).map((h, i) => {
    try {
      return { ...hookIdentity(h.scope, h.type), commandTemplate: Buffer.from(h.commandTemplate, 'utf8').toString('base64') };
    } catch (e) {
      throw specError(doc, [...base, 'x-omnistrate-actionhooks', i], (e as Error).message);
    }
  });
  const caps = Object.entries(svc['x-omnistrate-capabilities'] ?? {}).map(([k, v]) => {
    let capability: string;
    try {
      capability = capabilityName(capabilityNameOf(k));
    } catch (e) {
      throw specError(doc, [...base, 'x-omnistrate-capabilities', k], (e as Error).message);
    }
    return { capability, configuration: isObj(v) ? v : { value: v } };
  });
  const compute = svc['x-omnistrate-compute'];
  const container: ContainerSpec = {
    image: svc.image,
    ...(svc.command !== undefined ? { command: words(svc.command) } : {}),
    ...(svc.entrypoint !== undefined ? { entrypoint: words(svc.entrypoint) } : {}),
    ports: portsOf(doc, base, svc.ports),
    volumes: volumesOf(doc, base, svc, named),
    ...(compute ? { compute: JSON.parse(JSON.stringify(compute)) } : {}),
    ...(svc.deploy?.resources ? { deployResources: svc.deploy.resources } : {}),
    ...(svc.platform ? { platform: svc.platform } : {}),
  };
  return {
    key: deriveResourceKey(name),
    name,
    description: '',
    internal: svc['x-omnistrate-mode-internal'] ?? false,
    dependsOn: [],
    actionHooks: hooks,
    capabilities: caps,
    environmentVariables: environmentOf(svc.environment),
    configuration: {},
    container,
    inputParameters: params,
    files: filesOf(doc, base, svc, top, files),
  };
}

/** Edges from `depends_on`, with the parameter maps the dependant's parameters declare towards each target. */
function dependenciesOf(doc: SpecDocument, name: string, svc: Service, resources: Map<string, DesiredResource>): DesiredResource['dependsOn'] {
  const base = ['services', name];
  const targets = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
  const edges = new Map<string, Record<string, string>>();
  targets.forEach((t, i) => {
    const at = Array.isArray(svc.depends_on) ? [...base, 'depends_on', i] : [...base, 'depends_on', t];
    if (!resources.has(t)) throw specError(doc, at, `depends on ${t}, which the spec's services do not define`);
    if (t === name) throw specError(doc, at, 'a service cannot depend on itself');
    edges.set(t, {});
  });
  (svc['x-omnistrate-api-params'] ?? []).forEach((p, i) => {
    for (const [target, targetKey] of Object.entries(p.parameterDependencyMap ?? {})) {
      const at = [...base, 'x-omnistrate-api-params', i, 'parameterDependencyMap', target];
      const r = resources.get(target);
      if (!r) throw specError(doc, at, `names ${target}, which the spec's services do not define`);
      if (!edges.has(target)) throw specError(doc, at, `names ${target}, which ${name} does not depend on (add it to depends_on)`);
      if (!r.inputParameters.some((x) => x.key === targetKey)) throw specError(doc, at, `${target} has no api parameter ${targetKey}`);
      edges.get(target)![p.key] = targetKey;
    }
  });
  return [...edges].map(([t, map]) => ({ key: resources.get(t)!.key, ...(Object.keys(map).length ? { parameterMap: map } : {}) }));
}

function loadBalancersOf(doc: SpecDocument, top: Top, keys: Set<string>): DesiredResource[] {
  const lb = top['x-omnistrate-load-balancer'];
  const out: DesiredResource[] = [];
  const base = ['x-omnistrate-load-balancer'];
  const target = (k: string, at: SpecPath) => {
    if (!keys.has(k)) throw specError(doc, at, `routes to resource key ${k}, which no service of the spec has (keys: ${[...keys].join(', ')})`);
  };
  const common = (name: string, description: string) => ({
    key: deriveResourceKey(name),
    name,
    description,
    internal: false,
    dependsOn: [],
    actionHooks: [],
    capabilities: [],
    environmentVariables: [],
    configuration: {},
    inputParameters: [],
    files: [],
  });
  lb?.https?.forEach((l, i) => {
    l.paths.forEach((p, j) => target(p.associatedResourceKey, [...base, 'https', i, 'paths', j, 'associatedResourceKey']));
    out.push({
      ...common(l.name, l.description),
      resourceType: 'L7LoadBalancer',
      loadBalancer: { kind: 'L7', paths: l.paths.map((p) => ({ associatedResourceKey: p.associatedResourceKey, path: p.path, port: p.backendPort })) },
    });
  });
  lb?.tcp?.forEach((l, i) => {
    l.ports.forEach((p, j) => p.associatedResourceKeys.forEach((k, n) => target(k, [...base, 'tcp', i, 'ports', j, 'associatedResourceKeys', n])));
    out.push({ ...common(l.name, l.description), resourceType: 'L4LoadBalancer', loadBalancer: { kind: 'L4', ports: l.ports } });
  });
  return out;
}

function planOf(top: Top): DesiredPlan {
  const block = top['x-omnistrate-service-plan'];
  const features: DesiredPlan['features'] = {};
  for (const i of top['x-omnistrate-integrations'] ?? []) {
    const [name, cfg] = typeof i === 'string' ? [i, {}] : Object.entries(i)[0] ?? ['', {}];
    if (name) features[capabilityNameOf(name)] = { scope: '', configuration: cfg ?? {} };
  }
  return {
    ...(block?.name ? { name: block.name } : {}),
    tierType: block?.tenancyType ?? 'OMNISTRATE_DEDICATED_TENANCY',
    modelType: block?.deployment?.byoaDeployment ? 'BYOA' : 'OMNISTRATE_HOSTED',
    features: Object.fromEntries(Object.entries(features).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Keys are unique within a plan: two names deriving the same key (or a balancer named like a service) are refused. */
function checkKeys(doc: SpecDocument, resources: DesiredResource[], pathOf: (r: DesiredResource) => SpecPath): void {
  const byKey = new Map<string, DesiredResource>();
  for (const r of resources) {
    const other = byKey.get(r.key);
    if (other) throw specError(doc, pathOf(r), `${r.name} and ${other.name} both make the resource key ${r.key}; rename one`);
    byKey.set(r.key, r);
  }
}

/** Ordered so that each resource follows what it depends on or routes to; a cycle is a 400 naming it. */
export function orderedDefinition(plan: DesiredPlan, resources: DesiredResource[]): DesiredDefinition {
  const ordered = buildOrder(resources);
  if (!Array.isArray(ordered)) throw new BadRequest(`invalid spec: the dependencies form a cycle: ${ordered.cycle.join(' → ')}`);
  return { plan, resources: ordered };
}

/** Parses and validates a compose spec (decoded text) into the definition a build wants. */
export function parseComposeSpec(text: string, files: SpecFiles = {}): DesiredDefinition {
  const doc = parseSpecYaml(text);
  if (!isObj(doc.value)) throw new BadRequest('invalid spec: a compose spec is a YAML mapping with a services key');
  checkExtensions(doc, doc.value, [], EXTENSIONS.top);
  const top = validateSpec(doc, ComposeDocument, doc.value);
  const named = new Set(Object.keys(top.volumes ?? {}));
  const services = new Map<string, Service>();
  const resources = new Map<string, DesiredResource>();
  for (const [name, raw] of Object.entries(top.services)) {
    if (name.length > 255) throw specError(doc, ['services', name], 'a service name has at most 255 characters');
    checkExtensions(doc, raw, ['services', name], EXTENSIONS.service);
    const svc = validateSpec(doc, ComposeService, raw ?? {}, ['services', name]);
    services.set(name, svc);
    resources.set(name, resourceOf(doc, name, svc, top, files, named));
  }
  for (const [name, svc] of services) resources.get(name)!.dependsOn = dependenciesOf(doc, name, svc, resources);
  const serviceResources = [...resources.values()];
  checkKeys(doc, serviceResources, (r) => ['services', r.name]);
  const balancers = loadBalancersOf(doc, top, new Set(serviceResources.map((r) => r.key)));
  checkKeys(doc, [...serviceResources, ...balancers], (r) => (resources.has(r.name) ? ['services', r.name] : ['x-omnistrate-load-balancer']));
  return orderedDefinition(planOf(top), [...serviceResources, ...balancers]);
}
