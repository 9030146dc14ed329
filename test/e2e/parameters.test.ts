/** Input and output parameters over HTTP: contract-valid answers, refusals, tenancy. */
import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { serviceWithTier, type TierFixture } from '../support/resource-fixtures.ts';

let owner: TestSession;
let stranger: TestSession;
let tier: TierFixture;
let svc: string;
let db: string;
let proxy: string;

const call = (method: string, path: string, body?: unknown, token = owner.token) => http(method, `${API}${path}`, { token, body });

beforeAll(async () => {
  owner = await testSession('root', 'Param Owner');
  stranger = await testSession('root', 'Stranger');
  tier = await serviceWithTier(owner.orgId);
  svc = `/service/${tier.serviceId}`;
  db = (await call('POST', `${svc}/resource`, { name: 'MySQL', description: 'db', productTierId: tier.productTierId, internal: true })).json;
  proxy = (await call('POST', `${svc}/resource`, { name: 'Proxy', description: 'entry', productTierId: tier.productTierId, isProxy: true })).json;
});

describe('input parameters over HTTP', () => {
  let instanceType: string;

  it('creates, describes and lists within the contract', async () => {
    const created = await call('POST', `${svc}/input-parameter`, {
      resourceId: db,
      key: 'instanceType',
      name: 'Instance Type',
      description: 'VM size',
      type: 'String',
      required: true,
      modifiable: true,
      labeledOptions: { Small: 't3.medium', Large: 't3.xlarge' },
      defaultValue: 't3.medium',
    });
    expect(created.status, created.text).toBe(200);
    expect(contractProblems('CreateInputParameter', 200, created.json)).toEqual([]);
    instanceType = created.json;
    const replicas = await call('POST', `${svc}/input-parameter`, {
      resourceId: db, key: 'replicas', name: 'Replicas', description: '', type: 'Float64', required: false, modifiable: true,
      limits: { min: '1', max: '5' }, defaultValue: '3',
    });
    expect(replicas.status).toBe(200);
    const dbRef = await call('POST', `${svc}/input-parameter`, {
      resourceId: proxy, key: 'backend', name: 'Backend', description: 'database instance', type: 'Resource', required: true, modifiable: false,
      dependentResourceId: db,
    });
    expect(dbRef.status, dbRef.text).toBe(200);

    const d = await call('GET', `${svc}/input-parameter/${instanceType}`);
    expect(d.status).toBe(200);
    expect(contractProblems('DescribeInputParameter', 200, d.json)).toEqual([]);
    expect(d.json).toMatchObject({ key: 'instanceType', hasOptions: true, isList: false, defaultValue: 't3.medium' });
    const list = await call('GET', `${svc}/resource/${db}/input-parameter`);
    expect(contractProblems('ListInputParameter', 200, list.json)).toEqual([]);
    expect(list.json.ids).toEqual([instanceType, replicas.json]);
    // An empty ProductTierVersion is the current definition (a version names a release: tier-version-set tests).
    const proxyList = await call('GET', `${svc}/resource/${proxy}/input-parameter?ProductTierVersion=`);
    expect(proxyList.json.inputParameters[0]).toMatchObject({ type: 'Resource', dependentResourceId: db });
  });

  it('refuses wrong defaults and duplicate keys with clear 4xx', async () => {
    const wrong = await call('POST', `${svc}/input-parameter`, {
      resourceId: db, key: 'port', name: 'Port', description: '', type: 'Float64', required: false, modifiable: true, defaultValue: 'abc',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ name: 'bad_request', message: 'defaultValue "abc" is not a number for type Float64' });
    const outOfOptions = await call('PATCH', `${svc}/input-parameter/${instanceType}`, { defaultValue: 'm5.large' });
    expect(outOfOptions.status).toBe(400);
    expect(outOfOptions.json.message).toContain('not one of the options');
    const dup = await call('POST', `${svc}/input-parameter`, {
      resourceId: db, key: 'instanceType', name: 'Again', description: '', type: 'String', required: false, modifiable: true,
    });
    expect(dup.status).toBe(409);
    expect(dup.json.name).toBe('invalid_state');
    const ok = await call('PATCH', `${svc}/input-parameter/${instanceType}`, { defaultValue: 't3.xlarge', description: 'size of the VM' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-length')).toBe('0');
  });

  it('shows nothing to another org', async () => {
    for (const [method, path] of [
      ['GET', `${svc}/input-parameter/${instanceType}`],
      ['GET', `${svc}/resource/${db}/input-parameter`],
      ['PATCH', `${svc}/input-parameter/${instanceType}`],
      ['DELETE', `${svc}/input-parameter/${instanceType}`],
    ]) {
      const res = await call(method, path, method === 'PATCH' ? { name: 'x' } : undefined, stranger.token);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('deletes', async () => {
    expect((await call('DELETE', `${svc}/input-parameter/${instanceType}`)).status).toBe(200);
    expect((await call('GET', `${svc}/input-parameter/${instanceType}`)).status).toBe(404);
  });
});

describe('output parameters over HTTP', () => {
  it('creates, describes, lists, updates and deletes within the contract', async () => {
    const created = await call('POST', `${svc}/output-parameter`, {
      resourceId: proxy, key: 'connectionString', name: 'Connection string', description: 'how to connect',
      value: 'mysql://{{ $sys.network.externalClusterEndpoint }}:3306', valueType: 'String',
    });
    expect(created.status, created.text).toBe(200);
    expect(contractProblems('CreateOutputParameter', 200, created.json)).toEqual([]);
    const id = created.json;
    const d = await call('GET', `${svc}/output-parameter/${id}`);
    expect(contractProblems('DescribeOutputParameter', 200, d.json)).toEqual([]);
    expect(d.json.value).toBe('mysql://{{ $sys.network.externalClusterEndpoint }}:3306');
    const list = await call('GET', `${svc}/resource/${proxy}/output-parameter`);
    expect(contractProblems('ListOutputParameter', 200, list.json)).toEqual([]);
    expect(list.json.ids).toEqual([id]);
    const dup = await call('POST', `${svc}/output-parameter`, { resourceId: proxy, key: 'connectionString', name: 'x', description: 'x' });
    expect(dup.status).toBe(409);
    expect((await call('PATCH', `${svc}/output-parameter/${id}`, { value: '{{ $var.host }}' })).status).toBe(200);
    expect((await call('GET', `${svc}/output-parameter/${id}`, undefined, stranger.token)).status).toBe(404);
    expect((await call('GET', `${svc}/resource/${proxy}/output-parameter`, undefined, stranger.token)).status).toBe(404);
    expect((await call('DELETE', `${svc}/output-parameter/${id}`)).status).toBe(200);
    expect((await call('GET', `${svc}/output-parameter/${id}`)).status).toBe(404);
  });
});
