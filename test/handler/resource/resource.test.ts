/** CreateResource, DescribeResource, ListResources, UpdateResource, DeprecateResource over the handlers (DeleteResource: dependency, file and parameter tests; big tiers: scale.test.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listResources } from '#functions/resource/list-resources.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as deprecateResource } from '#functions/resource/deprecate-resource.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { addTier, create, createOk, describeIt, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  ({ root, other, reader } = await resourceSessions());
});

describe('CreateResource', () => {
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
});

describe('ListResources', () => {
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
});

describe('DescribeResource', () => {
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

describe('UpdateResource', () => {
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
});

describe('DeprecateResource', () => {
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
