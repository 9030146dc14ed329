/** The services orchestration DSL's pure rules (shared/domain/services-orchestration.ts). */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { clip, deferredKeys, dependencyOrder, keptOutputs, nextStep, outcomeOf, parseDsl, pollWaitSeconds, resolveReferences } from '#shared/domain/services-orchestration.ts';
import type { OrchestrationDeployment } from '#shared/data/entities/services-orchestration.ts';

const keys = { serviceProviderId: 'sp-1', service: 's', serviceAPIVersion: 'v1', environment: 'dev', model: 'm', plan: 'p', resource: 'r' };
const b64 = (doc: unknown) => Buffer.from(stringify(doc)).toString('base64');
const dep = (alias: string, o: Partial<OrchestrationDeployment> = {}): OrchestrationDeployment => ({
  alias, keys: { serviceProviderId: 'sp', serviceKey: 's', serviceAPIVersion: 'v1', serviceEnvironmentKey: 'dev', serviceModelKey: 'm', productTierKey: 'p', resourceKey: 'r' },
  serviceId: 's-1', subscriptionId: 'sub-1', dependsOn: [], requestParams: {}, want: 'present', status: 'PENDING', ...o,
});

describe('services orchestration DSL', () => {
  it('parses base64 YAML into dependency order', () => {
    const out = parseDsl(b64({ deployments: [{ alias: 'b', ...keys, dependsOn: ['a'] }, { alias: 'a', ...keys }] }), 'dsl');
    expect(out.map((d) => d.alias)).toEqual(['a', 'b']);
  });
  it('refuses non-base64, a cycle and unknown aliases', () => {
    expect(() => parseDsl('not base64!', 'dsl')).toThrow(/must be base64/);
    expect(() => dependencyOrder([{ alias: 'a', dependsOn: ['b'] }, { alias: 'b', dependsOn: ['a'] }], 'dsl')).toThrow(/cycle among a, b/);
    expect(() => parseDsl(b64({ deployments: [{ alias: 'a', ...keys, requestParams: { x: '{{ aliases.zz.result_params.k }}' } }] }), 'dsl')).toThrow(/references unknown alias zz/);
  });
  it('resolves references: a whole reference keeps the output type, an embedded one is spliced', () => {
    const outputs = (a: string) => (a === 'db' ? { port: 5432, host: 'h' } : undefined);
    expect(resolveReferences({ p: '{{ aliases.db.result_params.port }}', u: 'x://{{aliases.db.result_params.host}}:{{ aliases.db.result_params.port }}' }, outputs)).toEqual({ p: 5432, u: 'x://h:5432' });
    expect(() => resolveReferences({ p: '{{ aliases.db.result_params.nope }}' }, outputs)).toThrow(/aliases\.db\.result_params\.nope is not an output of deployment db/);
    expect([...deferredKeys({ a: '{{ aliases.db.result_params.port }}', b: 'plain' })]).toEqual(['a']);
  });
  it('steps: create after dependencies run, cancel after one failed, delete dependents first', () => {
    const db = dep('db', { status: 'RUNNING', instanceId: 'i-1' });
    const app = dep('app', { dependsOn: ['db'] });
    expect(nextStep(app, [db, app])).toBe('create');
    expect(nextStep(app, [{ ...db, status: 'DEPLOYING' }, app])).toBe('wait');
    expect(nextStep(app, [{ ...db, status: 'FAILED' }, app])).toBe('cancel');
    const gone = [{ ...db, want: 'absent' as const }, { ...app, status: 'RUNNING' as const, instanceId: 'i-2', want: 'absent' as const }];
    expect(nextStep(gone[0]!, gone)).toBe('wait');
    expect(nextStep(gone[1]!, gone)).toBe('delete');
    expect(outcomeOf([db, { ...app, status: 'FAILED', failedReason: 'boom' }])).toEqual({ status: 'FAILED', reason: 'deployment app failed: boom' });
    expect([0, 1, 2, 5, 9].map(pollWaitSeconds)).toEqual([1, 2, 4, 30, 30]);
  });
  it('bounds what the item keeps: result_params over the budget are left on the instance; text is clipped on a character boundary', () => {
    const big = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'.repeat(40)]));
    expect(keptOutputs(big)).toEqual({ note: expect.stringMatching(/result_params \(\d+ bytes\) are over the 2048 an orchestration shows; read them from the instance/) });
    expect(keptOutputs({ url: 'x' })).toEqual({ resultParams: { url: 'x' } });
    expect(keptOutputs({})).toEqual({});
    expect(clip('ab😀c', 6)).toBe('ab…');
    expect(clip('abc', 3)).toBe('abc');
    expect(Buffer.byteLength(clip('😀'.repeat(1000), 1024))).toBeLessThanOrEqual(1024);
  });
  it('refuses YAML that is not plain JSON data (a self-containing alias, .inf/.nan, typed values, deep nesting), naming the alias and key', () => {
    const head = `deployments:\n  - alias: app\n${Object.entries(keys).map(([k, v]) => `    ${k}: ${v}`).join('\n')}\n    requestParams:\n`;
    const refused = (params: string) => () => parseDsl(Buffer.from(head + params).toString('base64'), 'dsl');
    expect(refused('      loop: &x [ *x ]\n')).toThrow(/^dsl: deployments\[app\]\.requestParams\.loop\[0\] is a YAML alias that contains itself$/);
    expect(refused('      n: .inf\n')).toThrow(/deployments\[app\]\.requestParams\.n must be a finite number/);
    expect(refused('      n: [1, .nan]\n')).toThrow(/deployments\[app\]\.requestParams\.n\[1\] must be a finite number/);
    expect(refused('      b: !!binary aGVsbG8=\n')).toThrow(/deployments\[app\]\.requestParams\.b must be a string, number, boolean, list or map/);
    expect(refused('      s: !!set {x}\n')).toThrow(/requestParams\.s must be a string, number, boolean, list or map/);
    expect(refused(`      d: ${'['.repeat(40)}${']'.repeat(40)}\n`)).toThrow(/must be nested at most 32 levels deep/);
    // Shared (not self-containing) aliases are fine.
    expect(parseDsl(Buffer.from(`${head}      a: &v [1, 2]\n      b: *v\n`).toString('base64'), 'dsl')[0]!.requestParams).toEqual({ a: [1, 2], b: [1, 2] });
  });
});
