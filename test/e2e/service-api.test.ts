import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession('root', 'Api Org'), testSession()]);
});

async function post(path: string, body: unknown, token = owner.token) {
  return http('POST', `${API}${path}`, { token, body });
}

/** A service with DEV and PROD (promoted from DEV), through the real endpoints. */
async function serviceWithDevAndProd(name: string) {
  const svc = await post('/service', { name, description: '' });
  expect(svc.status).toBe(200);
  const dev = await post(`/service/${svc.json}/environment`, { name: 'Development', description: '', type: 'dev', deploymentConfigId: 'default' });
  expect(dev.status).toBe(200);
  const prod = await post(`/service/${svc.json}/environment`, {
    name: 'Production',
    description: '',
    type: 'PROD',
    deploymentConfigId: 'default',
    sourceEnvironmentId: dev.json,
  });
  expect(prod.status).toBe(200);
  return { svc: svc.json as string, dev: dev.json as string, prod: prod.json as string };
}

describe('service APIs over HTTP', () => {
  it('one API per environment; describe, list, update, deprecate, delete', async () => {
    const { svc, dev, prod } = await serviceWithDevAndProd('Api E2E');
    const defaultDc = (await http('GET', `${API}/deployment-config/default`, { token: owner.token })).json.id;

    const devApi = await post(`/service/${svc}/service-api`, { description: 'dev API', serviceEnvironmentId: dev });
    expect(devApi.status).toBe(200);
    expect(contractProblems('CreateServiceAPI', 200, devApi.json)).toEqual([]);
    expect(devApi.json).toMatch(/^sa-/);
    const prodApi = await post(`/service/${svc}/service-api`, { description: 'prod API', serviceEnvironmentId: prod, apiVersion: 'v2' });
    expect(prodApi.status).toBe(200);
    expect(contractProblems('CreateServiceAPI', 200, prodApi.json)).toEqual([]);
    const second = await post(`/service/${svc}/service-api`, { description: 'again', serviceEnvironmentId: dev });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ name: 'invalid_state' });
    expect(second.json.message).toContain('already has a service API');

    const d = await http('GET', `${API}/service/${svc}/service-api/${devApi.json}`, { token: owner.token });
    expect(d.status).toBe(200);
    expect(contractProblems('DescribeServiceAPI', 200, d.json)).toEqual([]);
    expect(d.json).toEqual({
      id: devApi.json,
      serviceId: svc,
      serviceName: 'Api E2E',
      serviceEnvironmentId: dev,
      deploymentConfigId: defaultDc,
      apiVersion: 'v1',
      description: 'dev API',
      deprecated: false,
    });
    const p = await http('GET', `${API}/service/${svc}/service-api/${prodApi.json}`, { token: owner.token });
    expect(contractProblems('DescribeServiceAPI', 200, p.json)).toEqual([]);
    expect(p.json).toMatchObject({ serviceEnvironmentId: prod, apiVersion: 'v2' });

    for (const [env, api] of [
      [dev, devApi.json],
      [prod, prodApi.json],
    ]) {
      const list = await http('GET', `${API}/service/${svc}/serviceenvironment/${env}/service-api`, { token: owner.token });
      expect(list.status).toBe(200);
      expect(contractProblems('ListServiceAPI', 200, list.json)).toEqual([]);
      expect(list.json).toEqual({ ids: [api] });
    }

    const upd = await http('PATCH', `${API}/service/${svc}/service-api/${devApi.json}`, { token: owner.token, body: { description: 'changed' } });
    expect(upd.status).toBe(200);
    expect(contractProblems('UpdateServiceAPI', 200, upd.json)).toEqual([]);
    expect(upd.headers.get('content-length')).toBe('0');

    const dep = await post(`/service/${svc}/service-api/${devApi.json}/deprecate`, undefined);
    expect(dep.status).toBe(200);
    expect(contractProblems('DeprecateServiceAPI', 200, dep.json)).toEqual([]);
    const after = await http('GET', `${API}/service/${svc}/service-api/${devApi.json}`, { token: owner.token });
    expect(contractProblems('DescribeServiceAPI', 200, after.json)).toEqual([]);
    expect(after.json).toMatchObject({ description: 'changed', deprecated: true });

    // The environment cannot go while it has an API; after the API is deleted it can.
    expect((await http('DELETE', `${API}/service/${svc}/environment/${prod}`, { token: owner.token })).status).toBe(409);
    const del = await http('DELETE', `${API}/service/${svc}/service-api/${prodApi.json}`, { token: owner.token });
    expect(del.status).toBe(200);
    expect(contractProblems('DeleteServiceAPI', 200, del.json)).toEqual([]);
    const gone = await http('GET', `${API}/service/${svc}/service-api/${prodApi.json}`, { token: owner.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('service API not found');
    expect((await http('DELETE', `${API}/service/${svc}/environment/${prod}`, { token: owner.token })).status).toBe(200);
  });

  it('bad input answers 400 naming the field; unknown environments 404', async () => {
    const { svc, dev } = await serviceWithDevAndProd('Api E2E Validation');
    const badVersion = await post(`/service/${svc}/service-api`, { description: '', serviceEnvironmentId: dev, apiVersion: 'latest' });
    expect(badVersion.status).toBe(400);
    expect(badVersion.json.message).toContain('body.apiVersion');
    const noEnv = await post(`/service/${svc}/service-api`, { description: '' });
    expect(noEnv.status).toBe(400);
    expect(noEnv.json.message).toContain('body.serviceEnvironmentId');
    const unknownEnv = await post(`/service/${svc}/service-api`, { description: '', serviceEnvironmentId: 'se-nothere000' });
    expect(unknownEnv.status).toBe(404);
  });

  it("another org sees none of it (404) and an id under another service is 404", async () => {
    const { svc, dev } = await serviceWithDevAndProd('Api E2E Tenancy');
    const api = (await post(`/service/${svc}/service-api`, { description: '', serviceEnvironmentId: dev })).json;
    const t = stranger.token;
    const base = `${API}/service/${svc}/service-api/${api}`;
    for (const res of [
      await http('GET', base, { token: t }),
      await http('PATCH', base, { token: t, body: { description: 'x' } }),
      await http('POST', `${base}/deprecate`, { token: t }),
      await http('DELETE', base, { token: t }),
      await http('GET', `${API}/service/${svc}/serviceenvironment/${dev}/service-api`, { token: t }),
      await post(`/service/${svc}/service-api`, { description: '', serviceEnvironmentId: dev }, t),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.name).toBe('not_found');
    }
    const other = (await post('/service', { name: 'Api E2E Tenancy Other', description: '' })).json;
    expect((await http('GET', `${API}/service/${other}/service-api/${api}`, { token: owner.token })).status).toBe(404);
    expect((await http('GET', base, { token: owner.token })).json.deprecated).toBe(false);
  });
});
