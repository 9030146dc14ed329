/** The compose spec and service plan spec readers (shared/domain/compose-spec.ts, service-plan-spec.ts): pure, no table. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityNameOf, parseComposeSpec } from '#shared/domain/compose-spec.ts';
import { parseServicePlanSpec } from '#shared/domain/service-plan-spec.ts';
import { decodeSpec } from '#shared/domain/compose/yaml.ts';
import { parameterStep, resourceWithSpec } from '#shared/domain/build.ts';

const fixture = readFileSync(resolve(import.meta.dirname, '../fixtures/postgres-cluster.yaml'), 'utf8');
const files = { configs: { pgbouncer_ini: 'W10=' }, secrets: { replication_password: 'eA==' } };
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('did not throw');
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseComposeSpec', () => {
  it('reads the fixture: plan, resources in dependency order, parameter maps, hooks as base64', () => {
    const d = parseComposeSpec(fixture, files);
    expect(d.plan).toEqual({
      name: 'Postgres Cluster',
      tierType: 'OMNISTRATE_DEDICATED_TENANCY',
      modelType: 'OMNISTRATE_HOSTED',
      features: { OMNISTRATE_LOGGING: { scope: '', configuration: {} }, OMNISTRATE_METRICS: { scope: '', configuration: {} } },
    });
    expect(d.resources.map((r) => r.key)).toEqual(['writer', 'reader', 'proxy', 'cluster', 'primaryEndpoint']);
    const cluster = d.resources.find((r) => r.key === 'cluster')!;
    expect(cluster.dependsOn).toEqual([
      { key: 'writer', parameterMap: { username: 'username', password: 'password' } },
      { key: 'reader', parameterMap: { password: 'password', replicas: 'replicas' } },
      { key: 'proxy' },
    ]);
    const reader = d.resources.find((r) => r.key === 'reader')!;
    expect(reader.container?.ports).toEqual([{ target: 5432, published: 5433, protocol: 'tcp' }]);
    expect(Buffer.from(reader.actionHooks[0].commandTemplate, 'base64').toString()).toBe('pg_isready -h localhost');
  });

  it('reads a spec as BYOA when the plan deploys into customer accounts, and names capabilities', () => {
    const byoa = fixture.replace('hostedDeployment:', 'byoaDeployment:');
    expect(parseComposeSpec(byoa, files).plan.modelType).toBe('BYOA');
    expect(capabilityNameOf('enableEndpointPerReplica')).toBe('ENABLE_ENDPOINT_PER_REPLICA');
  });

  const cases: [string, string, string, RegExp][] = [
    ['invalid YAML', 'services:\n  a:\n    image: x\n   bad: [', '', /line 4: the YAML does not parse/],
    ['an unknown extension', fixture.replace('    x-omnistrate-mode-internal: false', '    x-omnistrate-mode-internl: false'), 'x-omnistrate-mode-internl', /services\.Cluster\.x-omnistrate-mode-internl: unknown extension/],
    ['depends_on an undefined service', fixture.replace('      - Proxy\n', '      - Proxi\n'), '      - Proxi', /services\.Cluster\.depends_on\[2\]: depends on Proxi, which the spec's services do not define/],
    ['a load balancer routing to an undefined key', fixture.replace('[writer, reader]', '[writer, replica]'), '[writer, replica]', /associatedResourceKeys\[1\]: routes to resource key replica/],
    ['an undefined named volume', fixture.replace('      - source: pgdata', '      - source: pgdatum'), 'source: pgdatum', /services\.Writer\.volumes\[0\]: names volume pgdatum/],
    ['an undefined $var key', fixture.replace('POSTGRES_USER: $var.username', 'POSTGRES_USER: $var.user'), 'POSTGRES_USER', /services\.Writer\.environment\.POSTGRES_USER: references \$var\.user/],
    ['a parameter map to a missing parameter', fixture.replace('          Reader: replicas', '          Reader: replicaz'), 'Reader: replicaz', /parameterDependencyMap\.Reader: Reader has no api parameter replicaz/],
    ['a wrong parameter type', fixture.replace('        type: Password\n        modifiable: false', '        type: Passwd\n        modifiable: false'), 'type: Passwd', /x-omnistrate-api-params\[1\]\.type: must be one of/],
    ['a missing image', fixture.replace('    image: omnistrate/noop\n', ''), '  Cluster:', /services\.Cluster\.image: is required/],
  ];
  for (const [what, text, needle, expected] of cases) {
    it(`answers 400 naming the line and key for ${what}`, () => {
      const m = message(() => parseComposeSpec(text, files));
      expect(m).toMatch(expected);
      if (needle) expect(m).toContain(`line ${lineOf(text, needle)}:`);
    });
  }

  it('refuses a dependency cycle, a config without content, and bad base64', () => {
    const cyclic = fixture.replace('    x-omnistrate-compute:\n      rootVolumeSizeGi', '    depends_on: [Cluster]\n    x-omnistrate-compute:\n      rootVolumeSizeGi');
    expect(message(() => parseComposeSpec(cyclic, files))).toMatch(/cycle: writer → .*writer/);
    expect(message(() => parseComposeSpec(fixture, { secrets: files.secrets }))).toMatch(/body\.configs\.pgbouncer_ini is required/);
    expect(message(() => decodeSpec('not base64!'))).toBe('body.fileContent must be base64-encoded');
  });
});

describe('parseServicePlanSpec', () => {
  const spec = `name: Redis Plan
deployment:
  hostedDeployment: {}
services:
  - name: Redis Cluster
    dependsOn: [Vault]
    network:
      ports: [6379]
    apiParameters:
      - key: password
        name: Password
        type: Password
        parameterDependencyMap:
          Vault: token
    helmChartConfiguration:
      chartName: redis
      chartVersion: 19.6.2
      chartRepoName: bitnami
      chartRepoURL: https://charts.bitnami.com/bitnami
      chartValues: { replica: { replicaCount: 2 } }
  - name: Vault
    internal: true
    apiParameters:
      - { key: token, name: Token, type: Secret }
    kustomizeConfiguration:
      kustomizePath: /deploy/vault
      gitConfiguration: { reference: refs/heads/main, repositoryUrl: https://example.com/vault.git }
`;
  it('reads helm and kustomize services with their dependencies, in order', () => {
    const d = parseServicePlanSpec(spec);
    expect(d.plan).toMatchObject({ name: 'Redis Plan', modelType: 'OMNISTRATE_HOSTED' });
    expect(d.resources.map((r) => r.key)).toEqual(['vault', 'redisCluster']);
    const redis = d.resources[1];
    expect(redis.configuration.helmChartConfiguration).toMatchObject({ chartName: 'redis', chartRepoUrl: 'https://charts.bitnami.com/bitnami' });
    expect(redis.dependsOn).toEqual([{ key: 'vault', parameterMap: { password: 'token' } }]);
    expect(d.resources[0].configuration.kustomizeConfiguration?.gitConfiguration).toMatchObject({ referenceName: 'refs/heads/main' });
  });
  it('answers 400 naming the line for an undefined dependency and a helm chart without its version', () => {
    expect(message(() => parseServicePlanSpec(spec.replace('dependsOn: [Vault]', 'dependsOn: [Vaults]')))).toMatch(/line 6: services\[0\]\.dependsOn\[0\]: depends on Vaults/);
    expect(message(() => parseServicePlanSpec(spec.replace('      chartVersion: 19.6.2\n', '')))).toMatch(/services\[0\]\.helmChartConfiguration\.chartVersion: is required/);
  });
});

describe('build rules', () => {
  it('a stored parameter with the same content in another key order is kept', () => {
    const p = { key: 'k', name: 'K', description: '', type: 'Float64' as const, required: false, modifiable: true, hasOptions: false, isList: false, limits: { min: '1', max: '5' } };
    expect(parameterStep({ ...p, limits: { max: '5', min: '1' } } as never, p)).toBe('keep');
    expect(parameterStep({ ...p, type: 'String' } as never, p)).toBe('replace');
    expect(parameterStep({ ...p, name: 'Other' } as never, p)).toBe('update');
  });
  it('a resource already as the spec says is left unchanged', () => {
    const d = parseComposeSpec(fixture, files).resources[0];
    const stored = { name: d.name, description: '', internal: true, dependencies: [], actionHooks: d.actionHooks, capabilities: d.capabilities, environmentVariables: d.environmentVariables, container: d.container };
    expect(resourceWithSpec(stored as never, d, () => 'x')).toBeUndefined();
    expect(resourceWithSpec({ ...stored, internal: false } as never, d, () => 'x')).toMatchObject({ internal: true });
  });
});
