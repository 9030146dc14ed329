/**
 * What one orchestration item may hold against DynamoDB's 400 KB (docs/limits.md "Services orchestrations"):
 * the worst admissible orchestration is stored and described; a DSL past the budget is a 400 naming the alias
 * and key; reasons and resolved parameters are held to their bounds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { advance, commit } from '#shared/data/store.ts';
import { MAX_ITEM_BYTES, storedSize } from '#shared/data/item-limits.ts';
import { getServicesOrchestration, type OrchestrationDeployment } from '#shared/data/entities/services-orchestration.ts';
import { clip, keptOutputs, ORCHESTRATION_LIMITS as L } from '#shared/domain/services-orchestration.ts';
import { contractProblems } from '../../support/contract.ts';
import { createO, deployment, describeO, listO, runEnded, twoServices, type TwoServices } from './fixtures.ts';

let s: TwoServices;

beforeAll(async () => {
  s = await twoServices();
}, 120_000);

/** An alias of the longest admissible length, told apart by `i`. */
const longAlias = (i: number, tag = 'a') => `${tag}${String(i).padStart(2, '0')}`.padEnd(63, 'x');
/** A string of exactly `bytes` UTF-8 bytes of 4-byte characters (the worst for a character-counted bound). */
const wide = (bytes: number) => '😀'.repeat(Math.floor(bytes / 4));

describe('CreateServicesOrchestration', () => {
  it('the worst admissible orchestration (40 held deployments, every stored field at its bound) is stored and described', async () => {
    const res = await createO(s.customer.token, { deployments: [deployment('seed', s.a.path)] });
    expect(res.status, res.body).toBe(202);
    const seed = await runEnded(res.json.id);
    const template = seed!.deployments[0]!;
    const key = 'k'.repeat(128);
    // requestParams: arrays of one-digit numbers store 1.5 bytes per JSON byte, the worst shape; the
    // 20 deployments' entries together at the DSL's budget (key + JSON + 4 per entry, paramsBytes in all).
    const perDeployment = Math.floor(L.paramsBytes / L.deployments);
    const ones = Array.from({ length: Math.floor((perDeployment - 1 - 4 - 1) / 2) }, () => 1);
    const full = (i: number): OrchestrationDeployment => ({
      ...template,
      alias: longAlias(i),
      keys: { serviceProviderId: key, serviceKey: key, serviceAPIVersion: key, serviceEnvironmentKey: key, serviceModelKey: key, productTierKey: key, resourceKey: key },
      dependsOn: Array.from({ length: L.deployments - 1 }, (_, j) => longAlias(j === i ? L.deployments : j)),
      requestParams: { p: ones },
      region: 'r'.repeat(64),
      status: 'FAILED',
      statusMessage: clip(wide(10_000), L.statusMessageBytes),
      failedReason: clip(wide(100_000), L.failedReasonBytes),
      resultParams: { url: 'u'.repeat(L.outputsBytes - 12) },
      pendingUpdate: true,
      deleteFailed: true,
    });
    const wanted = Array.from({ length: L.deployments }, (_, i) => full(i));
    expect(wanted.reduce((n, d) => n + 'p'.length + JSON.stringify(d.requestParams.p).length + 4, 0)).toBeLessThanOrEqual(L.paramsBytes);
    expect(keptOutputs(wanted[0]!.resultParams).resultParams).toBeDefined();
    // What a Modify leaves of the deployments it removes (no parameters, no outputs), up to heldDeployments.
    const removed = wanted.map((d, i) => ({ ...d, alias: longAlias(i, 'r'), requestParams: {}, resultParams: undefined, want: 'absent' as const }));
    const current = (await getServicesOrchestration(res.json.id))!;
    const item = advance(current, {
      ...current,
      status: 'FAILED',
      orchestrationFailedReason: clip(wide(100_000), L.orchestrationFailedReasonBytes),
      deployments: [...wanted, ...removed],
    });
    const size = storedSize(item);
    console.log(`worst orchestration item: ${size} bytes (${(size / 1024).toFixed(1)} KiB) of ${MAX_ITEM_BYTES}`);
    expect(size).toBeLessThan(MAX_ITEM_BYTES);
    await commit({ puts: [{ item, expectVersion: current.version }] });

    const described = await describeO(s.customer.token, res.json.id);
    expect(described.status, described.body.slice(0, 500)).toBe(200);
    expect(contractProblems('DescribeServicesOrchestration', 200, described.json)).toEqual([]);
    expect(described.json.ServicesTopology).toHaveLength(2 * L.deployments);
    console.log(`worst Describe answer: ${Buffer.byteLength(described.body)} bytes`);
    expect(Buffer.byteLength(described.json.ServicesTopology[0].failedReason)).toBeLessThanOrEqual(L.failedReasonBytes);
    const listed = await listO(s.customer.token);
    expect(listed.status).toBe(200);
    expect(contractProblems('ListServicesOrchestrations', 200, listed.json)).toEqual([]);
  }, 60_000);

  it('refuses a DSL whose request parameters cannot fit, naming the alias and the key', async () => {
    const one = await createO(s.customer.token, { deployments: [deployment('big', s.a.path, { password: 'x'.repeat(L.deploymentParamsBytes) })] });
    expect(one.status, one.body).toBe(400);
    expect(one.json.message).toMatch(/orchestrationCreateDSL: deployments\[big\]\.requestParams is \d+ bytes as JSON, over the 32768 .*\(largest key: password\)/);
    // Within 64 KiB of YAML, but YAML aliases repeat one 30 KB value: the deployments' parameters together are over budget.
    const pw = 'y'.repeat(30_000);
    const yaml = ['a', 'b', 'c']
      .map((alias, i) => {
        const d = deployment(alias, s.a.path);
        const head = Object.entries(d).filter(([k]) => k !== 'requestParams').map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n');
        return `  - ${head.trimStart()}\n    requestParams:\n      password: ${i === 0 ? `&pw "${pw}"` : '*pw'}`;
      })
      .join('\n');
    const many = await createO(s.customer.token, `deployments:\n${yaml}\n`);
    expect(many.status, many.body).toBe(400);
    expect(many.json.message).toMatch(/orchestrationCreateDSL: deployments\[c\]\.requestParams\.password: the request parameters of all deployments come to more than the 65536 bytes/);
    const twice = await createO(s.customer.token, { deployments: [deployment('x', s.a.path), deployment('y', s.a.path, {}, ['x', 'x'])] });
    expect(twice.status).toBe(400);
    expect(twice.json.message).toMatch(/deployments\[y\]\.dependsOn must not name an alias twice/);
    const deep = await createO(s.customer.token, { deployments: [deployment('deep', s.a.path, { password: JSON.parse('['.repeat(20) + ']'.repeat(20)) })] });
    expect(deep.status).toBe(400);
    expect(deep.json.message).toMatch(/deployments\[deep\]\.requestParams\.password must be nested at most 16 levels/);
    // YAML that is not JSON data is a 400, never a crash: an alias containing itself, a non-finite number.
    const yamlOf = (params: string) => `deployments:\n  - ${Object.entries(deployment('odd', s.a.path)).filter(([k]) => k !== 'requestParams').map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n    ')}\n    requestParams:\n      ${params}\n`;
    for (const [params, message] of [['password: &x [ *x ]', /deployments\[odd\]\.requestParams\.password\[0\] is a YAML alias that contains itself/], ['password: .inf', /deployments\[odd\]\.requestParams\.password must be a finite number/]] as const) {
      const res = await createO(s.customer.token, yamlOf(params));
      expect(res.status, res.body).toBe(400);
      expect(res.json.message).toMatch(message);
    }
  }, 60_000);

  it('a deployment whose parameters outgrow an instance once its references are resolved fails naming the key; a long reason is clipped', async () => {
    const refs = '{{ aliases.base.result_params.url }}'.repeat(800);
    const res = await createO(s.customer.token, { deployments: [deployment('base', s.a.path), deployment('grown', s.a.path, { password: refs }, ['base'])] });
    expect(res.status, res.body).toBe(202);
    const done = await runEnded(res.json.id);
    const grown = done!.deployments.find((d) => d.alias === 'grown')!;
    expect(grown).toMatchObject({ status: 'FAILED', statusMessage: 'create refused' });
    expect(grown.failedReason).toMatch(/requestParams \(its references resolved\) is \d+ bytes as JSON, over the 32768 .*\(largest key: password\)/);
    expect(done!.orchestrationFailedReason).toMatch(/^deployment grown failed: requestParams/);
    expect(grown.instanceId).toBeUndefined();

    const reason = 'no capacity '.repeat(1_000);
    const failing = await createO(s.customer.token, { deployments: [deployment('loud', s.a.path, { simulatedFailure: reason })] });
    expect(failing.status, failing.body).toBe(202);
    const failed = await runEnded(failing.json.id);
    const loud = failed!.deployments[0]!;
    expect(loud.status).toBe('FAILED');
    expect(Buffer.byteLength(loud.failedReason!)).toBeLessThanOrEqual(L.failedReasonBytes);
    expect(loud.failedReason!.endsWith('…')).toBe(true);
    expect(reason.startsWith(loud.failedReason!.slice(0, -1))).toBe(true);
    const described = await describeO(s.customer.token, failing.json.id);
    expect(contractProblems('DescribeServicesOrchestration', 200, described.json)).toEqual([]);
  }, 60_000);
});
