import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createResource } from '#functions/resource/create-resource.ts';
import { operation as describeResource } from '#functions/resource/describe-resource.ts';
import { operation as listResources } from '#functions/resource/list-resources.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as deprecateResource } from '#functions/resource/deprecate-resource.ts';
import { operation as listDependents } from '#functions/resource/list-dependent-resource.ts';
import { operation as addDependency } from '#functions/resource/add-resource-dependency.ts';
import { operation as removeDependency } from '#functions/resource/remove-resource-dependency.ts';
import { operation as registerHook } from '#functions/resource/register-action-hook.ts';
import { operation as listHooks } from '#functions/resource/list-action-hooks.ts';
import { operation as deregisterHook } from '#functions/resource/deregister-action-hook.ts';
import { operation as enableCapability } from '#functions/resource/enable-resource-capability.ts';
import { operation as listCapabilities } from '#functions/resource/list-resource-capabilities.ts';
import { operation as disableCapability } from '#functions/resource/disable-resource-capability.ts';
import { operation as setEnv } from '#functions/resource/set-environment-variables.ts';
import { operation as unsetEnv } from '#functions/resource/unset-environment-variables.ts';
import { operation as registerMetrics } from '#functions/resource/register-resource-metrics-config.ts';
import { operation as describeMetrics } from '#functions/resource/describe-resource-metrics-config.ts';
import { operation as deregisterMetrics } from '#functions/resource/deregister-resource-metrics-config.ts';
import { operation as addFile } from '#functions/resource/add-file.ts';
import { operation as listFiles } from '#functions/resource/list-files.ts';
import { operation as getFile } from '#functions/resource/get-file.ts';
import { operation as updateFileContent } from '#functions/resource/update-file-content.ts';
import { operation as updateFileMetadata } from '#functions/resource/update-file-metadata.ts';
import { operation as removeFile } from '#functions/resource/remove-file.ts';
import { operation as createIp } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as describeIp } from '#functions/input-parameter/describe-input-parameter.ts';
import { blobs } from '#shared/blobs/index.ts';
import { getResourceFile as getFileItem } from '#shared/data/entities/resource-file.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import { invoke } from '../support/invoke.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { addTier, serviceWithTier, type TierFixture } from '../support/resource-fixtures.ts';

let root: TestSession;
let reader: TestSession;
let other: TestSession;

beforeAll(async () => {
  root = await testSession('root');
  other = await testSession('root', 'Other Org');
  reader = await testSession('reader');
});

async function create(tier: TierFixture, body: Record<string, unknown>, token = root.token) {
  return invoke(createResource, { params: { serviceId: tier.serviceId }, body: { description: '', productTierId: tier.productTierId, ...body }, token });
}

async function createOk(tier: TierFixture, body: Record<string, unknown>): Promise<string> {
  const res = await create(tier, body);
  expect(res.status, res.body).toBe(200);
  return res.json as string;
}

const describeIt = (tier: TierFixture, id: string, token = root.token) =>
  invoke(describeResource, { params: { serviceId: tier.serviceId, id }, token });

describe('CreateResource / DescribeResource / ListResources', () => {
  it('creates a resource with a derived key and describes every required field', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'PGAdmin', description: 'admin UI', environmentVariables: [{ key: 'A', value: '1' }] });
    expect(id).toMatch(/^r-[a-z0-9]{10}$/);
    const res = await describeIt(tier, id);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id,
      serviceId: tier.serviceId,
      productTierId: tier.productTierId,
      name: 'PGAdmin',
      key: 'pGAdmin',
      description: 'admin UI',
      resourceType: 'Generic',
      internal: false,
      isDeprecated: false,
      actionHooks: [],
      capabilities: [],
      dependencies: [],
      environmentVariables: [{ key: 'A', value: '1' }],
    });
    const changes = await changesOfTier(tier.serviceId, tier.productTierId);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ changedEntity: 'resource', changedId: id, kind: 'NEW', by: root.userId });
  });

  it('infers the type from the configuration, stores it, and never returns credentials', async () => {
    const tier = await serviceWithTier(root.orgId);
    const helm = {
      chartName: 'redis',
      chartRepoName: 'bitnami',
      chartRepoUrl: 'https://charts.bitnami.com/bitnami',
      chartVersion: '17.0.0',
      chartValues: { replicas: 2, nested: { a: true } },
      username: 'u',
      password: 'hunter2',
      runtimeConfiguration: {
        disableHooks: false, recreate: false, resetThenReuseValues: false, resetValues: false, reuseValues: true,
        skipCRDs: false, timeoutNanos: 600000000000, upgradeCRDs: false, wait: true, waitForJobs: true,
      },
      extra: 'dropped',
    };
    const id = await createOk(tier, { name: 'Redis', helmChartConfiguration: helm });
    const res = await describeIt(tier, id);
    expect(res.json.resourceType).toBe('HelmChart');
    const { password: _p, extra: _e, ...visible } = helm;
    expect(res.json.helmChartConfiguration).toEqual(visible);
    const stored = await getResource(root.orgId, tier.serviceId, id);
    expect(stored.helmChartConfiguration?.password).toBe('hunter2');

    // A round trip of what describe showed keeps the stored password.
    const upd = await invoke(updateResource, {
      params: { serviceId: tier.serviceId, id },
      body: { helmChartConfiguration: { ...res.json.helmChartConfiguration, chartVersion: '18.0.0' } },
      token: root.token,
    });
    expect(upd.status, upd.body).toBe(200);
    const after = await getResource(root.orgId, tier.serviceId, id);
    expect(after.helmChartConfiguration).toMatchObject({ chartVersion: '18.0.0', password: 'hunter2' });
  });

  it('resolves proxies and refuses contradictory or unknown types', async () => {
    const tier = await serviceWithTier(root.orgId);
    const proxy = await createOk(tier, { name: 'Proxy', isProxy: true });
    expect((await describeIt(tier, proxy)).json).toMatchObject({ resourceType: 'PortsBasedProxy', proxyType: 'PortsBasedProxy' });
    const lower = await createOk(tier, { name: 'Kusto', resourceType: 'kustomize', kustomizeConfiguration: { kustomizePath: '/k' } });
    expect((await describeIt(tier, lower)).json.resourceType).toBe('Kustomize');

    const bad = await create(tier, { name: 'X', resourceType: 'Database' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('resourceType must be one of');
    const mismatch = await create(tier, { name: 'Y', resourceType: 'HelmChart', kustomizeConfiguration: { kustomizePath: '/k' } });
    expect(mismatch.status).toBe(400);
    const missing = await create(tier, { name: 'Z', resourceType: 'OperatorCRD' });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('operatorCRDConfiguration');
    const deep = await create(tier, { name: 'W', helmChartConfiguration: { chartName: 'x', chartRepoName: 'r', chartRepoUrl: 'u' } });
    expect(deep.status).toBe(400);
    expect(deep.json.message).toContain('body.helmChartConfiguration.chartVersion');
    const noName = await create(tier, { description: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.json.message).toContain('body.name');
  });

  it('keeps names and keys unique within the tier, under races too', async () => {
    const tier = await serviceWithTier(root.orgId);
    await createOk(tier, { name: 'MySQL' });
    const dupName = await create(tier, { name: 'mysql', key: 'other' });
    expect(dupName.status).toBe(409);
    expect(dupName.json.message).toContain('already exists');
    const dupKey = await create(tier, { name: 'Another', key: 'mySQL' });
    expect(dupKey.status).toBe(409);
    expect(dupKey.json.message).toContain('mySQL');
    // The same name in another tier is fine.
    const tier2 = await addTier(tier);
    await createOk(tier2, { name: 'MySQL' });

    const racing = await Promise.all([create(tier, { name: 'Cache' }), create(tier, { name: 'Cache' })]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('lists the resources of a tier; managed=true lists none', async () => {
    const tier = await serviceWithTier(root.orgId);
    const a = await createOk(tier, { name: 'A' });
    const b = await createOk(tier, { name: 'B' });
    const res = await invoke(listResources, { params: { serviceId: tier.serviceId, productTierId: tier.productTierId }, token: reader.token });
    // reader is in another org: the tier is invisible
    expect(res.status).toBe(404);
    const mine = await invoke(listResources, { params: { serviceId: tier.serviceId, productTierId: tier.productTierId }, token: root.token });
    expect(mine.status).toBe(200);
    expect(mine.json.ids).toEqual([a, b]);
    expect(mine.json.resources.map((r: { key: string }) => r.key)).toEqual(['a', 'b']);
    const managed = await invoke(listResources, { params: { serviceId: tier.serviceId, productTierId: tier.productTierId }, query: { managed: 'true' }, token: root.token });
    expect(managed.json).toEqual({ ids: [], resources: [] });
  });

  it('hides another org’s resources and tiers (404) and refuses writes from readers (403)', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Secret' });
    expect((await describeIt(tier, id, other.token)).status).toBe(404);
    const foreign = await create(tier, { name: 'Intruder' }, other.token);
    expect(foreign.status).toBe(404);
    expect(foreign.json.message).toBe('product tier not found');
    const del = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id }, token: other.token });
    expect(del.status).toBe(404);
    const readerTier = await serviceWithTier(reader.orgId);
    const denied = await create(readerTier, { name: 'Nope' }, reader.token);
    expect(denied.status).toBe(403);
  });
});

describe('UpdateResource / DeprecateResource', () => {
  it('renames (guard moves), updates fields, and records the change', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Old', description: 'd' });
    await createOk(tier, { name: 'Taken' });
    const clash = await invoke(updateResource, { params: { serviceId: tier.serviceId, id }, body: { name: 'taken' }, token: root.token });
    expect(clash.status).toBe(409);
    const ok = await invoke(updateResource, {
      params: { serviceId: tier.serviceId, id },
      body: { name: 'New', description: 'd2', customLabels: { team: 'db' }, environmentVariables: [{ key: 'X', value: '1' }] },
      token: root.token,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-length']).toBe('0');
    const d = (await describeIt(tier, id)).json;
    expect(d).toMatchObject({ name: 'New', key: 'old', description: 'd2', customLabels: { team: 'db' }, environmentVariables: [{ key: 'X', value: '1' }] });
    // The old name is free again.
    await createOk(tier, { name: 'Old', key: 'old2' });
    const wrongBlock = await invoke(updateResource, { params: { serviceId: tier.serviceId, id }, body: { kustomizeConfiguration: { kustomizePath: '/x' } }, token: root.token });
    expect(wrongBlock.status).toBe(400);
    const kinds = (await changesOfTier(tier.serviceId, tier.productTierId)).filter((c) => c.changedId === id).map((c) => c.kind);
    expect(kinds).toEqual(['NEW', 'UPDATE']);
  });

  it('loses no concurrent updates', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Busy' });
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((k) =>
        invoke(updateResource, { params: { serviceId: tier.serviceId, id }, body: { customLabels: { [k]: k } }, token: root.token }).then((r) => expect(r.status).toBe(200)),
      ),
    );
    const stored = await getResource(root.orgId, tier.serviceId, id);
    expect(stored.version).toBe(5);
  });

  it('deprecates idempotently', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Legacy' });
    for (let i = 0; i < 2; i++) {
      const res = await invoke(deprecateResource, { params: { serviceId: tier.serviceId, id }, token: root.token });
      expect(res.status).toBe(200);
    }
    expect((await describeIt(tier, id)).json.isDeprecated).toBe(true);
    const kinds = (await changesOfTier(tier.serviceId, tier.productTierId)).map((c) => c.kind);
    expect(kinds).toEqual(['NEW', 'DEPRECATE']);
  });
});

describe('dependencies', () => {
  it('adds, lists dependents, refuses cycles and foreign targets, and guards deletes', async () => {
    const tier = await serviceWithTier(root.orgId);
    const proxy = await createOk(tier, { name: 'Proxy', isProxy: true });
    const db = await createOk(tier, { name: 'Db', internal: true });
    const cache = await createOk(tier, { name: 'Cache', internal: true, resourceDependencies: [{ resourceId: db }] });
    const add = (id: string, dep: string, body: unknown = {}) =>
      invoke(addDependency, { params: { serviceId: tier.serviceId, id, resourceDependencyId: dep }, body, token: root.token });

    expect((await add(proxy, db, { parameterMap: { host: 'dbHost' } })).status).toBe(200);
    expect((await add(proxy, cache)).status).toBe(200);

    const dependents = await invoke(listDependents, { params: { serviceId: tier.serviceId, id: db }, token: root.token });
    expect(dependents.json).toEqual({ id: db, serviceId: tier.serviceId, ids: [proxy, cache] });

    const cycle = await add(db, proxy);
    expect(cycle.status).toBe(400);
    expect(cycle.json.message).toMatch(/^dependency would create a cycle: db → proxy → (cache → )?db$/);
    const longCycle = await add(db, cache);
    expect(longCycle.json.message).toContain('cycle');
    expect((await add(db, db)).status).toBe(400);

    const tier2 = await addTier(tier);
    const elsewhere = await createOk(tier2, { name: 'Elsewhere' });
    const cross = await add(proxy, elsewhere);
    expect(cross.status).toBe(400);
    expect(cross.json.message).toContain('not a resource of the same product tier');

    const blocked = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: db }, token: root.token });
    expect(blocked.status).toBe(409);
    expect(blocked.json.message).toContain('is a dependency of proxy, cache');

    const remove = await invoke(removeDependency, { params: { serviceId: tier.serviceId, id: proxy, resourceDependencyId: db }, token: root.token });
    expect(remove.status).toBe(200);
    const again = await invoke(removeDependency, { params: { serviceId: tier.serviceId, id: proxy, resourceDependencyId: db }, token: root.token });
    expect(again.status).toBe(404);
    expect(again.json.message).toBe('resource dependency not found');
    const d = (await describeIt(tier, proxy)).json;
    expect(d.dependencies).toEqual([{ resourceId: cache }]);
  });

  it('refuses a cycle built by racing additions', async () => {
    const tier = await serviceWithTier(root.orgId);
    const a = await createOk(tier, { name: 'A' });
    const b = await createOk(tier, { name: 'B' });
    const c = await createOk(tier, { name: 'C', resourceDependencies: [{ resourceId: a }] });
    // c→a exists; racing a→b and b→c would close a→b→c→a.
    const results = await Promise.all([
      invoke(addDependency, { params: { serviceId: tier.serviceId, id: a, resourceDependencyId: b }, body: {}, token: root.token }),
      invoke(addDependency, { params: { serviceId: tier.serviceId, id: b, resourceDependencyId: c }, body: {}, token: root.token }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('replaces dependencies through UpdateResource with the same checks', async () => {
    const tier = await serviceWithTier(root.orgId);
    const a = await createOk(tier, { name: 'A' });
    const b = await createOk(tier, { name: 'B', resourceDependencies: [{ resourceId: a }] });
    const cyc = await invoke(updateResource, { params: { serviceId: tier.serviceId, id: a }, body: { dependencies: [{ resourceId: b }] }, token: root.token });
    expect(cyc.status).toBe(400);
    const clear = await invoke(updateResource, { params: { serviceId: tier.serviceId, id: b }, body: { dependencies: [] }, token: root.token });
    expect(clear.status).toBe(200);
    const del = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: a }, token: root.token });
    expect(del.status).toBe(200);
    expect((await describeIt(tier, a)).status).toBe(404);
    const create = await invoke(createResource, {
      params: { serviceId: tier.serviceId },
      body: { name: 'C', description: '', productTierId: tier.productTierId, resourceDependencies: [{ resourceId: a }] },
      token: root.token,
    });
    expect(create.status).toBe(400);
  });

  it('never lets a dependency land on a resource being deleted', async () => {
    const tier = await serviceWithTier(root.orgId);
    for (let i = 0; i < 3; i++) {
      const target = await createOk(tier, { name: `T${i}` });
      const source = await createOk(tier, { name: `S${i}` });
      const [add, del] = await Promise.all([
        invoke(addDependency, { params: { serviceId: tier.serviceId, id: source, resourceDependencyId: target }, body: {}, token: root.token }),
        invoke(deleteResource, { params: { serviceId: tier.serviceId, id: target }, token: root.token }),
      ]);
      const s = await getResource(root.orgId, tier.serviceId, source);
      const targetGone = (await describeIt(tier, target)).status === 404;
      if (targetGone) expect(s.dependencies).toEqual([]);
      expect([add.status, del.status]).not.toEqual([200, 200]);
    }
  });
});

describe('action hooks', () => {
  it('registers one hook per (scope, type), replaces on re-register, lists, and deregisters', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db' });
    const params = { serviceId: tier.serviceId, id };
    const cmd = Buffer.from('echo init').toString('base64');
    const reg = (body: unknown, token = root.token) => invoke(registerHook, { params, body, token });
    expect((await reg({ scope: 'node', type: 'init', commandTemplate: cmd })).status).toBe(200);
    expect((await reg({ scope: 'CLUSTER', type: 'HEALTH_CHECK', commandTemplate: cmd, customImage: 'busybox', customCommand: ['/bin/sh', '-c'] })).status).toBe(200);
    const again = Buffer.from('echo again').toString('base64');
    expect((await reg({ scope: 'NODE', type: 'INIT', commandTemplate: again })).status).toBe(200);
    const list = await invoke(listHooks, { params, token: root.token });
    expect(list.status).toBe(200);
    expect(list.json.hooks).toEqual([
      { scope: 'CLUSTER', type: 'HEALTH_CHECK', commandTemplate: cmd, customImage: 'busybox', customCommand: ['/bin/sh', '-c'] },
      { scope: 'NODE', type: 'INIT', commandTemplate: again },
    ]);
    expect((await describeIt(tier, id)).json.actionHooks).toHaveLength(2);

    const badType = await reg({ scope: 'NODE', type: 'REBOOT', commandTemplate: cmd });
    expect(badType.status).toBe(400);
    expect(badType.json.message).toContain('type must be one of INIT');
    expect((await reg({ scope: 'POD', type: 'INIT', commandTemplate: cmd })).status).toBe(400);
    const notB64 = await reg({ scope: 'NODE', type: 'ADD', commandTemplate: 'echo hi' });
    expect(notB64.status).toBe(400);
    expect(notB64.json.message).toContain('base64');

    const dereg = await invoke(deregisterHook, { params, body: { scope: 'NODE', type: 'INIT' }, token: root.token });
    expect(dereg.status).toBe(200);
    const absent = await invoke(deregisterHook, { params, body: { scope: 'NODE', type: 'INIT' }, token: root.token });
    expect(absent.status).toBe(404);
    expect(absent.json.message).toBe('action hook not found');
    expect((await invoke(listHooks, { params, token: other.token })).status).toBe(404);
    expect((await reg({ scope: 'NODE', type: 'ADD', commandTemplate: cmd }, other.token)).status).toBe(404);
  });
});

describe('capabilities', () => {
  it('enables with a configuration, replaces, lists, and disables by name', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db' });
    const params = { serviceId: tier.serviceId, id };
    const enable = (body: unknown) => invoke(enableCapability, { params, body, token: root.token });
    expect((await enable({ capability: 'AUTOSCALING', configuration: { minReplicas: 1, maxReplicas: 3 } })).status).toBe(200);
    expect((await enable({ capability: 'serverless' })).status).toBe(200);
    expect((await enable({ capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } })).status).toBe(200);
    const list = await invoke(listCapabilities, { params, token: root.token });
    expect(list.json).toEqual({
      capabilities: [
        { capability: 'SERVERLESS', configuration: {} },
        { capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } },
      ],
    });
    expect((await enable({ capability: 'not valid!' })).status).toBe(400);
    expect((await invoke(disableCapability, { params, body: { capability: 'serverless' }, token: root.token })).status).toBe(200);
    const absent = await invoke(disableCapability, { params, body: { capability: 'SERVERLESS' }, token: root.token });
    expect(absent.status).toBe(404);
    expect(absent.json.message).toBe('capability not found');
    expect((await invoke(listCapabilities, { params, token: root.token })).json.capabilities).toHaveLength(1);
  });
});

describe('environment variables', () => {
  it('merges by key, unsets by key, and loses nothing under concurrent sets', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db', environmentVariables: [{ key: 'A', value: '1' }, { key: 'B', value: '2' }] });
    const params = { serviceId: tier.serviceId, id };
    const set = (vars: { key: string; value: string }[]) => invoke(setEnv, { params, body: { environmentVariables: vars }, token: root.token });
    expect((await set([{ key: 'B', value: '20' }, { key: 'C', value: '3' }])).status).toBe(200);
    expect((await describeIt(tier, id)).json.environmentVariables).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '20' },
      { key: 'C', value: '3' },
    ]);
    const unset = await invoke(unsetEnv, { params, body: { environmentVariables: [{ key: 'A', value: '' }, { key: 'Z' }] }, token: root.token });
    expect(unset.status).toBe(200);
    expect((await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key)).toEqual(['B', 'C']);
    expect((await set([])).status).toBe(400);
    expect((await set([{ key: '', value: 'x' }])).status).toBe(400);

    await Promise.all(['P', 'Q', 'R', 'S'].map((k) => set([{ key: k, value: k }]).then((r) => expect(r.status).toBe(200))));
    const keys = (await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key).sort();
    expect(keys).toEqual(['B', 'C', 'P', 'Q', 'R', 'S']);
  });
});

describe('metrics config', () => {
  it('registers, replaces, describes and deregisters one endpoint per resource', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db' });
    const params = { serviceId: tier.serviceId, id };
    const none = await invoke(describeMetrics, { params, token: root.token });
    expect(none.status).toBe(404);
    expect(none.json.message).toBe('metrics config not found');
    expect((await invoke(registerMetrics, { params, body: { metricEndpoint: 'http://localhost:9187/metrics' }, token: root.token })).status).toBe(200);
    expect((await invoke(registerMetrics, { params, body: { metricEndpoint: 'http://localhost:9090/metrics' }, token: root.token })).status).toBe(200);
    const d = await invoke(describeMetrics, { params, token: root.token });
    expect(d.json).toEqual({ id, serviceId: tier.serviceId, metricEndpoint: 'http://localhost:9090/metrics' });
    expect((await invoke(registerMetrics, { params, body: {}, token: root.token })).status).toBe(400);
    expect((await invoke(describeMetrics, { params, token: other.token })).status).toBe(404);
    expect((await invoke(deregisterMetrics, { params, token: root.token })).status).toBe(200);
    expect((await invoke(describeMetrics, { params, token: root.token })).status).toBe(404);
    expect((await invoke(deregisterMetrics, { params, token: root.token })).status).toBe(404);
    const details = (await changesOfTier(tier.serviceId, tier.productTierId)).map((c) => `${c.kind}:${c.detail ?? ''}`);
    expect(details).toEqual(['NEW:', 'UPDATE:metrics', 'UPDATE:metrics', 'UPDATE:metrics']);
  });
});

function multipart(content: string, boundary = 'b0undary', filename = 'app.conf'): { rawBody: string; headers: Record<string, string> } {
  return {
    rawBody: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('files', () => {
  const meta = { name: 'app.conf', description: 'main config', filetype: 'CONFIG', mountpath: '/etc/app/app.conf' };

  it('uploads, lists, downloads with its length, updates content and metadata, and removes', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'App' });
    const params = { serviceId: tier.serviceId, id };
    const up = multipart('port=5432\n');
    const added = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
    expect(added.status, added.body).toBe(200);
    const fileId = added.json as string;
    expect(fileId).toMatch(/^f-/);

    const list = await invoke(listFiles, { params, token: root.token });
    expect(list.json.files).toEqual([
      {
        fileId,
        name: 'app.conf',
        description: 'main config',
        type: 'CONFIG',
        mountPath: '/etc/app/app.conf',
        size: 10,
        uploadTime: expect.any(String),
        uploadedBy: root.email,
      },
    ]);

    const got = await invoke(getFile, { params: { ...params, fileId }, token: root.token });
    expect(got.status).toBe(200);
    expect(got.headers['content-length']).toBe('10');
    expect(got.headers['content-type']).toBe('text/plain');
    expect(Buffer.from(got.body, 'base64').toString()).toBe('port=5432\n');

    const before = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    const next = multipart('port=6432\nmax=100\n', 'other');
    const upd = await invoke(updateFileContent, { params: { ...params, fileId }, rawBody: next.rawBody, headers: next.headers, token: root.token });
    expect(upd.status, upd.body).toBe(200);
    const after = await invoke(getFile, { params: { ...params, fileId }, token: root.token });
    expect(Buffer.from(after.body, 'base64').toString()).toBe('port=6432\nmax=100\n');
    expect(after.headers['content-length']).toBe('18');
    // The replaced blob is gone.
    expect(await blobs().get(before.blobKey)).toBeUndefined();

    const meta2 = await invoke(updateFileMetadata, { params: { ...params, fileId }, body: { name: 'pg.conf', mountPath: '/etc/pg/pg.conf' }, token: root.token });
    expect(meta2.status).toBe(200);
    expect((await invoke(listFiles, { params, token: root.token })).json.files[0]).toMatchObject({ name: 'pg.conf', mountPath: '/etc/pg/pg.conf', description: 'main config', size: 18 });

    const kinds = (await changesOfTier(tier.serviceId, tier.productTierId)).filter((c) => c.changedEntity === 'file').map((c) => `${c.kind}:${c.detail ?? ''}`);
    expect(kinds).toEqual(['NEW:', 'UPDATE:content', 'UPDATE:metadata']);

    const current = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    expect((await invoke(removeFile, { params: { ...params, fileId }, token: root.token })).status).toBe(200);
    expect(await blobs().get(current.blobKey)).toBeUndefined();
    const gone = await invoke(getFile, { params: { ...params, fileId }, token: root.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('file not found');
    expect((await invoke(removeFile, { params: { ...params, fileId }, token: root.token })).status).toBe(404);
  });

  it('refuses oversize files, missing headers, non-multipart bodies and clashing mount paths', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'App' });
    const params = { serviceId: tier.serviceId, id };
    const big = multipart('x'.repeat(1024 * 1024 + 1));
    const tooBig = await invoke(addFile, { params, rawBody: big.rawBody, headers: { ...big.headers, ...meta }, token: root.token });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.message).toContain('limit is 1048576 bytes');
    const exact = multipart('x'.repeat(1024 * 1024));
    expect((await invoke(addFile, { params, rawBody: exact.rawBody, headers: { ...exact.headers, ...meta }, token: root.token })).status).toBe(200);

    const up = multipart('a');
    const { mountpath: _m, ...noMount } = meta;
    const missing = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...noMount }, token: root.token });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toBe('header MountPath is required');
    const json = await invoke(addFile, { params, body: { file: 'a' }, headers: meta, token: root.token });
    expect(json.status).toBe(400);
    expect(json.json.message).toContain('multipart/form-data');
    const relative = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta, mountpath: 'etc/x' }, token: root.token });
    expect(relative.status).toBe(400);
    const clash = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toContain('/etc/app/app.conf');
    expect((await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: other.token })).status).toBe(404);
    expect((await invoke(listFiles, { params, token: other.token })).status).toBe(404);
  });

  it('goes away (with its blob) when its resource is deleted, with the resource parameters', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'App' });
    const params = { serviceId: tier.serviceId, id };
    const up = multipart('x=1');
    const fileId = (await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token })).json;
    const ip = await invoke(createIp, {
      params: { serviceId: tier.serviceId },
      body: { resourceId: id, key: 'k', name: 'K', description: '', type: 'String', required: false, modifiable: true },
      token: root.token,
    });
    const file = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    expect((await invoke(deleteResource, { params, token: root.token })).status).toBe(200);
    expect(await blobs().get(file.blobKey)).toBeUndefined();
    expect((await invoke(describeIp, { params: { serviceId: tier.serviceId, id: ip.json }, token: root.token })).status).toBe(404);
    // Name, key and mount path are free again in the tier.
    const again = await createOk(tier, { name: 'App' });
    const re = await invoke(addFile, { params: { ...params, id: again }, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
    expect(re.status).toBe(200);
  });
});
