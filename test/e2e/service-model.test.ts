import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession('root', 'Model Org'), testSession()]);
});

async function post(path: string, body: unknown, token = owner.token) {
  return http('POST', `${API}${path}`, { token, body });
}

interface Chain {
  svc: string;
  dev: string;
  prod: string;
  devApi: string;
  prodApi: string;
}

/** DEV and PROD (source DEV) with a service API each, all through the real endpoints. */
async function serviceChain(name: string): Promise<Chain> {
  const svc = (await post('/service', { name, description: '' })).json;
  const dev = (await post(`/service/${svc}/environment`, { name: 'Dev', description: '', type: 'DEV', deploymentConfigId: 'default' })).json;
  const prod = (
    await post(`/service/${svc}/environment`, { name: 'Prod', description: '', type: 'prod', deploymentConfigId: 'default', sourceEnvironmentId: dev })
  ).json;
  const devApi = await post(`/service/${svc}/service-api`, { description: '', serviceEnvironmentId: dev });
  const prodApi = await post(`/service/${svc}/service-api`, { description: '', serviceEnvironmentId: prod });
  expect([devApi.status, prodApi.status]).toEqual([200, 200]);
  return { svc, dev, prod, devApi: devApi.json, prodApi: prodApi.json };
}

/** A product tier of a model, through CreateProductTier. */
async function tierOf(c: Chain, serviceModelId: string, name: string): Promise<string> {
  const res = await post(`/service/${c.svc}/product-tier`, {
    serviceModelId,
    name,
    description: `${name} plan`,
    planDescription: name,
    tierType: 'OMNISTRATE_DEDICATED_TENANCY',
    pricing: { price1: 'value1' },
  });
  expect(res.status, res.text).toBe(200);
  expect(contractProblems('CreateProductTier', 200, res.json)).toEqual([]);
  return res.json;
}

describe('service models over HTTP', () => {
  it('hosted and BYOA models: create, describe, list, update, features, copy, delete', async () => {
    const c = await serviceChain('Model E2E');
    const model = (id: string) => `${API}/service/${c.svc}/model/${id}`;

    const hosted = await post(`/service/${c.svc}/model`, {
      serviceApiId: c.devApi,
      name: 'MySQL multi-writer service hosted model',
      description: 'hosted by us',
      modelType: 'OMNISTRATE_HOSTED',
    });
    expect(hosted.status).toBe(200);
    expect(contractProblems('CreateServiceModel', 200, hosted.json)).toEqual([]);
    expect(hosted.json).toMatch(/^sm-/);
    const byoa = await post(`/service/${c.svc}/model`, {
      serviceApiId: c.devApi,
      name: 'Customer account',
      description: '',
      modelType: 'byoa',
      features: [{ feature: 'LOGS', configuration: { retentionDays: 7 } }],
    });
    expect(byoa.status).toBe(200);
    expect(contractProblems('CreateServiceModel', 200, byoa.json)).toEqual([]);
    const prodModel = await post(`/service/${c.svc}/model`, { serviceApiId: c.prodApi, name: 'Prod hosted', description: '', modelType: 'CUSTOMER_HOSTED' });
    expect(prodModel.status).toBe(200);

    const d = await http('GET', model(hosted.json), { token: owner.token });
    expect(d.status).toBe(200);
    expect(contractProblems('DescribeServiceModel', 200, d.json)).toEqual([]);
    expect(d.json).toEqual({
      id: hosted.json,
      serviceId: c.svc,
      serviceApiId: c.devApi,
      name: 'MySQL multi-writer service hosted model',
      key: 'mysql-multi-writer-service-hosted-model',
      description: 'hosted by us',
      modelType: 'OMNISTRATE_HOSTED',
      features: [],
      productTiers: [],
      accountConfigIds: [],
      activeAccountConfigIds: {},
    });
    const b = await http('GET', model(byoa.json), { token: owner.token });
    expect(contractProblems('DescribeServiceModel', 200, b.json)).toEqual([]);
    expect(b.json).toMatchObject({ modelType: 'BYOA', key: 'customer-account', features: [{ feature: 'LOGS', configuration: { retentionDays: 7 } }] });

    const list = await http('GET', `${API}/service/${c.svc}/serviceapi/${c.devApi}/model`, { token: owner.token });
    expect(list.status).toBe(200);
    expect(contractProblems('ListServiceModel', 200, list.json)).toEqual([]);
    expect(list.json).toEqual({ ids: [hosted.json, byoa.json] });
    const prodList = await http('GET', `${API}/service/${c.svc}/serviceapi/${c.prodApi}/model`, { token: owner.token });
    expect(contractProblems('ListServiceModel', 200, prodList.json)).toEqual([]);
    expect(prodList.json).toEqual({ ids: [prodModel.json] });

    const upd = await http('PATCH', model(hosted.json), { token: owner.token, body: { name: 'Hosted model', description: 'renamed' } });
    expect(upd.status).toBe(200);
    expect(contractProblems('UpdateServiceModel', 200, upd.json)).toEqual([]);
    expect(upd.headers.get('content-length')).toBe('0');
    const renamed = await http('GET', model(hosted.json), { token: owner.token });
    expect(renamed.json).toMatchObject({ name: 'Hosted model', description: 'renamed', key: 'mysql-multi-writer-service-hosted-model' });

    const on = await http('PUT', `${model(hosted.json)}/feature`, {
      token: owner.token,
      body: { feature: 'METRICS', configuration: { scrapeInterval: '30s' } },
    });
    expect(on.status).toBe(200);
    expect(contractProblems('EnableServiceModelFeature', 200, on.json)).toEqual([]);
    const withFeature = await http('GET', model(hosted.json), { token: owner.token });
    expect(contractProblems('DescribeServiceModel', 200, withFeature.json)).toEqual([]);
    expect(withFeature.json.features).toEqual([{ feature: 'METRICS', configuration: { scrapeInterval: '30s' } }]);
    // Clients name the feature to disable in a JSON body on DELETE.
    const off = await http('DELETE', `${model(hosted.json)}/feature`, { token: owner.token, body: { feature: 'METRICS' } });
    expect(off.status).toBe(200);
    expect(contractProblems('DisableServiceModelFeature', 200, off.json)).toEqual([]);
    expect((await http('GET', model(hosted.json), { token: owner.token })).json.features).toEqual([]);
    const offAgain = await http('DELETE', `${model(hosted.json)}/feature`, { token: owner.token, body: { feature: 'METRICS' } });
    expect(offAgain.status).toBe(404);

    // Copy the hosted model, with its two tiers, into a BYOA model.
    const basic = await tierOf(c, hosted.json, 'Basic');
    const premium = await tierOf(c, hosted.json, 'Premium');
    const copy = await post(`/service/${c.svc}/model/copy/${hosted.json}`, {
      name: 'Hosted model BYOA',
      description: 'copy',
      targetServiceModelType: 'BYOA',
      targetTierType: 'OMNISTRATE_MULTI_TENANCY',
    });
    expect(copy.status).toBe(200);
    expect(contractProblems('CopyServiceModel', 200, copy.json)).toEqual([]);
    const copied = await http('GET', model(copy.json), { token: owner.token });
    expect(contractProblems('DescribeServiceModel', 200, copied.json)).toEqual([]);
    expect(copied.json).toMatchObject({ name: 'Hosted model BYOA', key: 'hosted-model-byoa', modelType: 'BYOA', serviceApiId: c.devApi });
    expect(copied.json.productTiers).toHaveLength(2);
    expect(copied.json.productTiers).not.toContain(basic);
    expect(copied.json.productTiers).not.toContain(premium);
    expect((await http('GET', model(hosted.json), { token: owner.token })).json.productTiers).toEqual([basic, premium]);
    for (const id of copied.json.productTiers) {
      const tier = await http('GET', `${API}/service/${c.svc}/product-tier/${id}`, { token: owner.token });
      expect(contractProblems('DescribeProductTier', 200, tier.json)).toEqual([]);
      expect(tier.json).toMatchObject({ serviceModelId: copy.json, tierType: 'OMNISTRATE_MULTI_TENANCY', pricing: { price1: 'value1' } });
    }
    // The service describe shows the copies as plans of DEV, with their new model and tier types.
    const service = await http('GET', `${API}/service/${c.svc}`, { token: owner.token });
    expect(contractProblems('DescribeService', 200, service.json)).toEqual([]);
    const devPlans = service.json.serviceEnvironments.find((e: { id: string }) => e.id === c.dev).servicePlans;
    expect(devPlans).toHaveLength(4);
    expect(devPlans.filter((p: { modelType: string }) => p.modelType === 'BYOA').map((p: { tierType: string }) => p.tierType)).toEqual([
      'OMNISTRATE_MULTI_TENANCY',
      'OMNISTRATE_MULTI_TENANCY',
    ]);

    // A model with tiers cannot be deleted; one without can.
    const refused = await http('DELETE', model(hosted.json), { token: owner.token });
    expect(refused.status).toBe(409);
    expect(refused.json.name).toBe('invalid_state');
    const del = await http('DELETE', model(byoa.json), { token: owner.token });
    expect(del.status).toBe(200);
    expect(contractProblems('DeleteServiceModel', 200, del.json)).toEqual([]);
    const gone = await http('GET', model(byoa.json), { token: owner.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('service model not found');
  });

  it('a bad modelType is 400; a duplicate key in the API is 409', async () => {
    const c = await serviceChain('Model E2E Validation');
    const bad = await post(`/service/${c.svc}/model`, { serviceApiId: c.devApi, name: 'X', description: '', modelType: 'SERVERLESS' });
    expect(bad.status).toBe(400);
    expect(bad.json.name).toBe('bad_request');
    expect(bad.json.message).toContain('body.modelType');
    const badCopyType = await post(`/service/${c.svc}/model/copy/sm-nothere000`, { name: 'X', description: '', targetServiceModelType: 'nope' });
    expect(badCopyType.status).toBe(400);
    const first = await post(`/service/${c.svc}/model`, { serviceApiId: c.devApi, name: 'Same', description: '', modelType: 'BYOA' });
    expect(first.status).toBe(200);
    const dup = await post(`/service/${c.svc}/model`, { serviceApiId: c.devApi, name: 'same', description: '', modelType: 'BYOA' });
    expect(dup.status).toBe(409);
    expect(dup.json.message).toContain('"same"');
  });

  it('the service API delete is refused while it has a model and succeeds after', async () => {
    const c = await serviceChain('Model E2E Api Delete');
    const m = (await post(`/service/${c.svc}/model`, { serviceApiId: c.prodApi, name: 'Only', description: '', modelType: 'OMNISTRATE_HOSTED' })).json;
    const refused = await http('DELETE', `${API}/service/${c.svc}/service-api/${c.prodApi}`, { token: owner.token });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('Only');
    const delModel = await http('DELETE', `${API}/service/${c.svc}/model/${m}`, { token: owner.token });
    expect(delModel.status).toBe(200);
    expect(contractProblems('DeleteServiceModel', 200, delModel.json)).toEqual([]);
    const ok = await http('DELETE', `${API}/service/${c.svc}/service-api/${c.prodApi}`, { token: owner.token });
    expect(ok.status).toBe(200);
    expect(contractProblems('DeleteServiceAPI', 200, ok.json)).toEqual([]);
  });

  it('another org sees none of it (404)', async () => {
    const c = await serviceChain('Model E2E Tenancy');
    const m = (await post(`/service/${c.svc}/model`, { serviceApiId: c.devApi, name: 'Mine', description: '', modelType: 'BYOA' })).json;
    const t = stranger.token;
    const base = `${API}/service/${c.svc}/model/${m}`;
    for (const res of [
      await http('GET', base, { token: t }),
      await http('PATCH', base, { token: t, body: { name: 'Theirs' } }),
      await http('PUT', `${base}/feature`, { token: t, body: { feature: 'F', configuration: {} } }),
      await http('DELETE', `${base}/feature`, { token: t, body: { feature: 'F' } }),
      await http('DELETE', base, { token: t }),
      await post(`/service/${c.svc}/model/copy/${m}`, { name: 'Theirs', description: '', targetServiceModelType: 'BYOA' }, t),
      await http('GET', `${API}/service/${c.svc}/serviceapi/${c.devApi}/model`, { token: t }),
      await post(`/service/${c.svc}/model`, { serviceApiId: c.devApi, name: 'Theirs', description: '', modelType: 'BYOA' }, t),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.name).toBe('not_found');
    }
    const mine = await http('GET', base, { token: owner.token });
    expect(mine.json.name).toBe('Mine');
  });
});
