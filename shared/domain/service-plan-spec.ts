/**
 * A service plan spec (helm, operator, kustomize and terraform services) → the definition a build wants.
 * Pure, like compose-spec.ts: the plan is `name` + `deployment` (+ `tenancyType`), each entry of `services[]`
 * a resource keyed from its name, with `apiParameters` as its input parameters, `dependsOn` as its
 * dependencies, `compute` and `network.ports` as its container spec, and one configuration block
 * (`helmChartConfiguration`, `operatorCRDConfiguration`, `kustomizeConfiguration`,
 * `terraformConfigurations.configurationPerCloudProvider`), validated by the resource's own schemas.
 * Spellings of the plan spec that differ from the resource API (`chartRepoURL`, `gitConfiguration.reference`)
 * are read as the API's.
 */
import { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';
import { deriveResourceKey } from '#shared/domain/keys.ts';
import { freeForm, LIMITS, list, text } from '#shared/schemas/common.ts';
import {
  HelmChartConfiguration,
  KustomizeConfiguration,
  OperatorCRDConfiguration,
  TerraformConfigurations,
} from '#shared/schemas/resource-config.ts';
import { ApiParam, Compute, COMPOSE_LIMITS, ServicePlanBlock, TENANCY_TYPES } from '#shared/domain/compose/schema.ts';
import { parseSpecYaml, specError, validateSpec, type SpecDocument, type SpecPath } from '#shared/domain/compose/yaml.ts';
import { capabilityNameOf, inputParameterOf, orderedDefinition } from '#shared/domain/compose-spec.ts';
import type { DesiredDefinition, DesiredResource } from '#shared/domain/build.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';

const Short = text(LIMITS.name);

const PlanService = z.object({
  name: Short.trim().min(1, 'must not be empty').max(255),
  description: text(4096).default(''),
  internal: z.boolean().default(false),
  dependsOn: list(Short, COMPOSE_LIMITS.services).default([]),
  compute: Compute.optional(),
  network: z.object({ ports: list(z.coerce.number().int().min(0).max(65535), 100).optional() }).optional(),
  apiParameters: list(ApiParam, COMPOSE_LIMITS.apiParams).default([]),
  capabilities: freeForm(16 * 1024).optional(),
  helmChartConfiguration: freeForm().optional(),
  operatorCRDConfiguration: freeForm().optional(),
  kustomizeConfiguration: freeForm().optional(),
  terraformConfigurations: freeForm().optional(),
});

const PlanSpec = z.object({
  name: ServicePlanBlock.shape.name,
  tenancyType: z.enum(TENANCY_TYPES).optional(),
  deployment: ServicePlanBlock.shape.deployment.nullable(),
  services: list(z.unknown(), COMPOSE_LIMITS.services).min(1, 'must hold at least one service'),
});

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Plan-spec spellings read as the resource API's, at any depth. */
function apiSpelling(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(apiSpelling);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const name = k === 'chartRepoURL' ? 'chartRepoUrl' : k;
    out[name] = apiSpelling(x);
  }
  if (isObj(out.gitConfiguration) && out.gitConfiguration.reference !== undefined && out.gitConfiguration.referenceName === undefined) {
    const { reference, ...git } = out.gitConfiguration;
    out.gitConfiguration = { ...git, referenceName: reference };
  }
  return out;
}

function configurationOf(doc: SpecDocument, at: SpecPath, svc: z.output<typeof PlanService>): ResourceConfiguration {
  const config: ResourceConfiguration = {};
  const helm = svc.helmChartConfiguration && (apiSpelling(svc.helmChartConfiguration) as Obj);
  if (helm) config.helmChartConfiguration = validateSpec(doc, HelmChartConfiguration, { chartRepoName: '', chartRepoUrl: '', ...helm }, [...at, 'helmChartConfiguration']);
  if (svc.operatorCRDConfiguration) {
    config.operatorCRDConfiguration = validateSpec(doc, OperatorCRDConfiguration, apiSpelling(svc.operatorCRDConfiguration), [...at, 'operatorCRDConfiguration']);
  }
  if (svc.kustomizeConfiguration) {
    config.kustomizeConfiguration = validateSpec(doc, KustomizeConfiguration, apiSpelling(svc.kustomizeConfiguration), [...at, 'kustomizeConfiguration']);
  }
  if (svc.terraformConfigurations) {
    const perCloud = (svc.terraformConfigurations as Obj).configurationPerCloudProvider ?? svc.terraformConfigurations;
    config.terraformConfigurations = validateSpec(doc, TerraformConfigurations, apiSpelling(perCloud), [...at, 'terraformConfigurations', 'configurationPerCloudProvider']);
  }
  const blocks = Object.keys(config);
  if (blocks.length > 1) throw specError(doc, at, `a service takes one of ${blocks.join(', ')}`);
  return config;
}

/** Parses and validates a service plan spec (decoded text) into the definition a build wants. */
export function parseServicePlanSpec(text: string): DesiredDefinition {
  const doc = parseSpecYaml(text);
  if (!isObj(doc.value)) throw new BadRequest('invalid spec: a service plan spec is a YAML mapping with name and services');
  for (const k of Object.keys(doc.value)) if (k.startsWith('x-omnistrate-')) throw specError(doc, [k], 'unknown extension');
  const spec = validateSpec(doc, PlanSpec, doc.value);
  const parsed = spec.services.map((raw, i) => ({ at: ['services', i] as SpecPath, svc: validateSpec(doc, PlanService, raw, ['services', i]) }));
  const byName = new Map(parsed.map((p) => [p.svc.name, p]));
  const resources: DesiredResource[] = parsed.map(({ at, svc }) => {
    const params = svc.apiParameters.map((p, j) => inputParameterOf(doc, [...at, 'apiParameters', j], p));
    const edges = new Map<string, Record<string, string>>();
    svc.dependsOn.forEach((d, j) => {
      if (!byName.has(d)) throw specError(doc, [...at, 'dependsOn', j], `depends on ${d}, which the spec's services do not define`);
      if (d === svc.name) throw specError(doc, [...at, 'dependsOn', j], 'a service cannot depend on itself');
      edges.set(d, {});
    });
    svc.apiParameters.forEach((p, j) => {
      for (const [target, targetKey] of Object.entries(p.parameterDependencyMap ?? {})) {
        const where = [...at, 'apiParameters', j, 'parameterDependencyMap', target];
        if (!edges.has(target)) throw specError(doc, where, `names ${target}, which ${svc.name} does not depend on (add it to dependsOn)`);
        if (!byName.get(target)!.svc.apiParameters.some((x) => x.key === targetKey)) throw specError(doc, where, `${target} has no api parameter ${targetKey}`);
        edges.get(target)![p.key] = targetKey;
      }
    });
    const configuration = configurationOf(doc, at, svc);
    const ports = (svc.network?.ports ?? []).map((target) => ({ target, protocol: 'tcp' }));
    return {
      key: deriveResourceKey(svc.name),
      name: svc.name,
      description: svc.description,
      internal: svc.internal,
      dependsOn: [...edges].map(([t, map]) => ({ key: deriveResourceKey(t), ...(Object.keys(map).length ? { parameterMap: map } : {}) })),
      actionHooks: [],
      capabilities: Object.entries(svc.capabilities ?? {}).map(([k, v]) => ({ capability: capabilityNameOf(k), configuration: isObj(v) ? v : { value: v } })),
      environmentVariables: [],
      configuration,
      ...(svc.compute || ports.length ? { container: { ports, volumes: [], ...(svc.compute ? { compute: JSON.parse(JSON.stringify(svc.compute)) } : {}) } } : {}),
      inputParameters: params,
      files: [],
    };
  });
  const keys = new Map<string, string>();
  resources.forEach((r, i) => {
    const other = keys.get(r.key);
    if (other !== undefined) throw specError(doc, ['services', i, 'name'], `${r.name} and ${other} both make the resource key ${r.key}; rename one`);
    keys.set(r.key, r.name);
  });
  const plan = {
    ...(spec.name ? { name: spec.name } : {}),
    tierType: spec.tenancyType ?? 'OMNISTRATE_DEDICATED_TENANCY',
    modelType: spec.deployment?.byoaDeployment ? 'BYOA' : 'OMNISTRATE_HOSTED',
    features: {},
  } as const;
  return orderedDefinition({ ...plan }, resources);
}
