/**
 * The check over HTTP: a three-resource tier (a root proxy depending on two internal resources) with
 * parameters, hooks, capabilities, environment variables, a config file and a metrics endpoint; everything
 * described and listed within the contract; the refusals; and another org seeing nothing.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { serviceWithTier, type TierFixture } from '../support/resource-fixtures.ts';

let owner: TestSession;
let stranger: TestSession;
let tier: TierFixture;
let svc: string;
const ids: Record<string, string> = {};

function upload(bytes: Buffer, filename: string, boundary = '----omni7Mz') {
  const rawBody = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { rawBody, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function ok(method: string, path: string, body?: unknown, operationId?: string) {
  const res = await http(method, `${API}${path}`, { token: owner.token, body });
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
  if (operationId && res.text) expect(contractProblems(operationId, 200, res.json)).toEqual([]);
  return res;
}

beforeAll(async () => {
  owner = await testSession('root', 'Resource Owner');
  stranger = await testSession('root', 'Stranger');
  tier = await serviceWithTier(owner.orgId);
  svc = `/service/${tier.serviceId}`;
});

describe('a three-resource tier over HTTP', () => {
  it('defines the resources and their dependencies', async () => {
    const db = await ok('POST', `${svc}/resource`, {
      name: 'PostgreSQL',
      description: 'primary database',
      productTierId: tier.productTierId,
      internal: true,
      environmentVariables: [{ key: 'POSTGRES_DB', value: 'app' }],
      backupConfiguration: { backupPeriodInHours: 24, backupRetentionInDays: 7 },
      customULimits: [{ ULimitsName: 'nofile', ULimitsType: 'soft', ULimitsValue: 65536 }],
    }, 'CreateResource');
    ids.db = db.json;
    const cache = await ok('POST', `${svc}/resource`, {
      name: 'Redis',
      description: 'cache',
      productTierId: tier.productTierId,
      internal: true,
      helmChartConfiguration: {
        chartName: 'redis',
        chartRepoName: 'bitnami',
        chartRepoUrl: 'https://charts.bitnami.com/bitnami',
        chartVersion: '19.0.0',
        chartValues: { architecture: 'standalone' },
        endpointConfiguration: { main: { host: 'redis-master', ports: [6379], primary: true } },
        password: 'registry-secret',
      },
    }, 'CreateResource');
    ids.cache = cache.json;
    const proxy = await ok('POST', `${svc}/resource`, {
      name: 'PGBouncer',
      description: 'entry point',
      productTierId: tier.productTierId,
      isProxy: true,
      resourceDependencies: [{ resourceId: ids.db, parameterMap: { dbPort: 'port' } }],
    }, 'CreateResource');
    ids.proxy = proxy.json;
    await ok('POST', `${svc}/resource/${ids.proxy}/resource-dependency/${ids.cache}`, {});
    const dependents = await ok('GET', `${svc}/resource/${ids.db}/dependent-resource`, undefined, 'ListDependentResource');
    expect(dependents.json.ids).toEqual([ids.proxy]);
  });

  it('attaches hooks, capabilities, environment variables, a config file and a metrics endpoint', async () => {
    const r = `${svc}/resource/${ids.db}`;
    const cmd = Buffer.from('pg_isready -U postgres').toString('base64');
    await ok('POST', `${r}/action-hook`, { scope: 'NODE', type: 'HEALTH_CHECK', commandTemplate: cmd });
    await ok('POST', `${r}/action-hook`, { scope: 'CLUSTER', type: 'POST_START', commandTemplate: cmd, customImage: 'postgres:16' });
    await ok('PUT', `${r}/capability`, { capability: 'AUTOSCALING', configuration: { minReplicas: 1, maxReplicas: 3 } });
    await ok('PATCH', `${r}/environment-variables`, { environmentVariables: [{ key: 'PGDATA', value: '/var/lib/pg' }, { key: 'TMP', value: 'x' }] });
    await ok('DELETE', `${r}/environment-variables`, { environmentVariables: [{ key: 'TMP', value: '' }] });
    await ok('POST', `${r}/metrics`, { metricEndpoint: 'http://localhost:9187/metrics' });

    const bytes = Buffer.from([0x5b, 0x64, 0x62, 0x5d, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);
    const up = upload(bytes, 'pgbouncer.ini');
    const added = await http('POST', `${API}${svc}/resource/${ids.proxy}/file`, {
      token: owner.token,
      rawBody: up.rawBody,
      headers: { 'content-type': up.contentType, Name: 'pgbouncer.ini', Description: 'pool settings', FileType: 'CONFIG', MountPath: '/etc/pgbouncer/pgbouncer.ini' },
    });
    expect(added.status, added.text).toBe(200);
    expect(contractProblems('AddFile', 200, added.json)).toEqual([]);
    ids.file = added.json;
    const got = await http('GET', `${API}${svc}/resource/${ids.proxy}/file/${ids.file}`, { token: owner.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('downloads the exact bytes', async () => {
    const res = await fetch(`${inject('baseUrl')}${API}${svc}/resource/${ids.proxy}/file/${ids.file}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(Buffer.from([0x5b, 0x64, 0x62, 0x5d, 0x0a, 0x00, 0xff, 0x0d, 0x0a]))).toBe(true);
  });

  it('describes and lists everything within the contract', async () => {
    const db = await ok('GET', `${svc}/resource/${ids.db}`, undefined, 'DescribeResource');
    expect(db.json).toMatchObject({
      key: 'postgreSQL',
      resourceType: 'Generic',
      internal: true,
      environmentVariables: [{ key: 'POSTGRES_DB', value: 'app' }, { key: 'PGDATA', value: '/var/lib/pg' }],
      capabilities: [{ capability: 'AUTOSCALING', configuration: { minReplicas: 1, maxReplicas: 3 } }],
    });
    expect(db.json.actionHooks).toHaveLength(2);
    const cache = await ok('GET', `${svc}/resource/${ids.cache}`, undefined, 'DescribeResource');
    expect(cache.json.resourceType).toBe('HelmChart');
    expect(cache.json.helmChartConfiguration.password).toBeUndefined();
    const proxy = await ok('GET', `${svc}/resource/${ids.proxy}`, undefined, 'DescribeResource');
    expect(proxy.json).toMatchObject({ resourceType: 'PortsBasedProxy', internal: false, key: 'pGBouncer' });
    expect(proxy.json.dependencies.map((d: { resourceId: string }) => d.resourceId)).toEqual([ids.db, ids.cache]);

    const list = await ok('GET', `/service/${tier.serviceId}/producttier/${tier.productTierId}/resource`, undefined, 'ListResources');
    expect(list.json.ids).toEqual([ids.db, ids.cache, ids.proxy]);
    await ok('GET', `${svc}/resource/${ids.db}/action-hook`, undefined, 'ListActionHooks');
    await ok('GET', `${svc}/resource/${ids.db}/capability`, undefined, 'ListResourceCapabilities');
    const metrics = await ok('GET', `${svc}/resource/${ids.db}/metrics`, undefined, 'DescribeResourceMetricsConfig');
    expect(metrics.json.metricEndpoint).toBe('http://localhost:9187/metrics');
    const files = await ok('GET', `${svc}/resource/${ids.proxy}/file`, undefined, 'ListFiles');
    expect(files.json.files).toHaveLength(1);
    await ok('PATCH', `${svc}/resource/${ids.proxy}/file/${ids.file}/metadata`, { description: 'pool settings v2' });
    const up = upload(Buffer.from('[databases]\n'), 'pgbouncer.ini', 'xx');
    const put = await http('PUT', `${API}${svc}/resource/${ids.proxy}/file/${ids.file}/content`, { token: owner.token, rawBody: up.rawBody, headers: { 'content-type': up.contentType } });
    expect(put.status).toBe(200);
    expect(put.headers.get('content-length')).toBe('0');
  });

  it('refuses cycles, duplicates, oversize files and deletes of depended-on resources with clear 4xx', async () => {
    const cycle = await http('POST', `${API}${svc}/resource/${ids.db}/resource-dependency/${ids.proxy}`, { token: owner.token, body: {} });
    expect(cycle.status).toBe(400);
    expect(cycle.json.message).toContain('cycle');
    const dupKey = await http('POST', `${API}${svc}/resource`, { token: owner.token, body: { name: 'Other', key: 'postgreSQL', description: '', productTierId: tier.productTierId } });
    expect(dupKey.status).toBe(409);
    expect(dupKey.json.message).toContain('postgreSQL');
    const big = upload(Buffer.alloc(1024 * 1024 + 1, 0x61), 'big.bin');
    const tooBig = await http('POST', `${API}${svc}/resource/${ids.proxy}/file`, {
      token: owner.token,
      rawBody: big.rawBody,
      headers: { 'content-type': big.contentType, Name: 'big', Description: '', FileType: 'CONFIG', MountPath: '/etc/big' },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.message).toContain('limit');
    const del = await http('DELETE', `${API}${svc}/resource/${ids.db}`, { token: owner.token });
    expect(del.status).toBe(409);
    expect(del.json.message).toContain('pGBouncer');
    expect(del.json.name).toBe('invalid_state');
  });

  it('shows nothing to another org', async () => {
    const as = (method: string, path: string, body?: unknown) => http(method, `${API}${path}`, { token: stranger.token, body });
    for (const [method, path, body] of [
      ['GET', `${svc}/resource/${ids.db}`],
      ['GET', `/service/${tier.serviceId}/producttier/${tier.productTierId}/resource`],
      ['GET', `${svc}/resource/${ids.db}/dependent-resource`],
      ['GET', `${svc}/resource/${ids.db}/action-hook`],
      ['GET', `${svc}/resource/${ids.db}/capability`],
      ['GET', `${svc}/resource/${ids.db}/metrics`],
      ['GET', `${svc}/resource/${ids.proxy}/file`],
      ['GET', `${svc}/resource/${ids.proxy}/file/${ids.file}`],
      ['PATCH', `${svc}/resource/${ids.db}`, { description: 'hijack' }],
      ['DELETE', `${svc}/resource/${ids.cache}`],
      ['POST', `${svc}/resource`, { name: 'X', description: '', productTierId: tier.productTierId }],
    ] as [string, string, unknown?][]) {
      const res = await as(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.message).toContain('not found');
    }
  });

  it('removes the dependency, then the resource', async () => {
    await ok('DELETE', `${svc}/resource/${ids.proxy}/resource-dependency/${ids.db}`);
    await ok('PATCH', `${svc}/resource/${ids.db}/deprecate`);
    expect((await ok('GET', `${svc}/resource/${ids.db}`, undefined, 'DescribeResource')).json.isDeprecated).toBe(true);
    await ok('DELETE', `${svc}/resource/${ids.db}`);
    expect((await http('GET', `${API}${svc}/resource/${ids.db}`, { token: owner.token })).status).toBe(404);
  });

  it('declares all 36 operations in /openapi.json', async () => {
    const doc = await http('GET', '/openapi.json');
    const declared = new Set<string>();
    for (const item of Object.values<Record<string, { operationId: string }>>(doc.json.paths)) for (const op of Object.values(item)) declared.add(op.operationId.split('#').pop()!); // served as group#OperationId (decision 010)
    const ours = [
      'CreateResource', 'DescribeResource', 'ListResources', 'UpdateResource', 'DeleteResource', 'DeprecateResource',
      'ListDependentResource', 'AddResourceDependency', 'RemoveResourceDependency', 'RegisterActionHook', 'ListActionHooks',
      'DeregisterActionHook', 'EnableResourceCapability', 'ListResourceCapabilities', 'DisableResourceCapability',
      'SetEnvironmentVariables', 'UnsetEnvironmentVariables', 'AddFile', 'ListFiles', 'GetFile', 'UpdateFileContent',
      'UpdateFileMetadata', 'RemoveFile', 'RegisterResourceMetricsConfig', 'DescribeResourceMetricsConfig',
      'DeregisterResourceMetricsConfig', 'CreateInputParameter', 'DescribeInputParameter', 'ListInputParameter',
      'UpdateInputParameter', 'DeleteInputParameter', 'CreateOutputParameter', 'DescribeOutputParameter',
      'ListOutputParameter', 'UpdateOutputParameter', 'DeleteOutputParameter',
    ];
    expect(ours).toHaveLength(36);
    expect(ours.filter((id) => !declared.has(id))).toEqual([]);
  });
});
