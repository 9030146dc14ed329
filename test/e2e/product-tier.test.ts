import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession('root', 'Tier Org'), testSession()]);
});

async function call(method: string, path: string, body?: unknown, token = owner.token) {
  return http(method, `${API}${path}`, { token, body });
}

/** Asserts a success and that its body fits the reference schema of the operation. */
async function ok(operationId: string, res: Promise<Awaited<ReturnType<typeof call>>>) {
  const r = await res;
  expect(r.status, r.text).toBe(200);
  expect(contractProblems(operationId, 200, r.json)).toEqual([]);
  return r;
}

interface Tree {
  svc: string;
  dev: string;
  prod: string;
  devApi: string;
  prodApi: string;
  hosted: string;
  byoa: string;
}

/** DEV and PROD (source DEV), a service API each, a hosted and a BYOA model: all through the real endpoints. */
async function tree(name: string): Promise<Tree> {
  const svc = (await ok('CreateService', call('POST', '/service', { name, description: `${name} service` }))).json;
  const dev = (await ok('CreateServiceEnvironment', call('POST', `/service/${svc}/environment`, { name: 'Dev', description: '', type: 'dev', deploymentConfigId: 'default' }))).json;
  const prod = (
    await ok(
      'CreateServiceEnvironment',
      call('POST', `/service/${svc}/environment`, { name: 'Prod', description: '', type: 'PROD', deploymentConfigId: 'default', sourceEnvironmentId: dev }),
    )
  ).json;
  const devApi = (await ok('CreateServiceAPI', call('POST', `/service/${svc}/service-api`, { description: 'dev api', serviceEnvironmentId: dev }))).json;
  const prodApi = (await ok('CreateServiceAPI', call('POST', `/service/${svc}/service-api`, { description: 'prod api', serviceEnvironmentId: prod }))).json;
  const second = await call('POST', `/service/${svc}/service-api`, { description: 'again', serviceEnvironmentId: dev });
  expect(second.status).toBe(409);
  const hosted = (
    await ok('CreateServiceModel', call('POST', `/service/${svc}/model`, { serviceApiId: devApi, name: 'Hosted', description: '', modelType: 'OMNISTRATE_HOSTED' }))
  ).json;
  const byoa = (
    await ok('CreateServiceModel', call('POST', `/service/${svc}/model`, { serviceApiId: devApi, name: 'Customer account', description: '', modelType: 'BYOA' }))
  ).json;
  return { svc, dev, prod, devApi, prodApi, hosted, byoa };
}

describe('product tiers over HTTP', () => {
  it('two tiers: create, describe, list, update, features, copy, delete (every body contract-valid)', async () => {
    const t = await tree('Tier E2E');
    const tiers = `/service/${t.svc}/product-tier`;

    const free = await ok(
      'CreateProductTier',
      call('POST', tiers, {
        serviceModelId: t.hosted,
        name: 'Free',
        description: 'free plan',
        planDescription: 'Try it',
        tierType: 'OMNISTRATE_MULTI_TENANCY',
        pricing: { price1: 'value1' },
        awsRegions: ['us-east-1'],
        gcpRegions: ['us-central1'],
        support: 'community',
        documentation: 'https://docs.example.test',
        maxNumberOfInstances: 1,
      }),
    );
    expect(free.json).toMatch(/^pt-[A-Za-z0-9]{10}$/);
    const premium = await ok(
      'CreateProductTier',
      call('POST', tiers, {
        serviceModelId: t.hosted,
        name: 'Premium',
        description: 'premium plan',
        planDescription: 'Dedicated',
        tierType: 'omnistrate_dedicated_tenancy',
        azureRegions: ['eastus'],
      }),
    );

    const d = await ok('DescribeProductTier', call('GET', `${tiers}/${free.json}`));
    expect(d.json).toMatchObject({
      id: free.json,
      serviceId: t.svc,
      serviceModelId: t.hosted,
      name: 'Free',
      key: 'free',
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      pricing: { price1: 'value1' },
      awsRegions: ['us-east-1'],
      gcpRegions: ['us-central1'],
      azureRegions: [],
      support: 'community',
      documentation: 'https://docs.example.test',
      maxNumberOfInstances: 1,
      isDisabled: false,
    });
    // A version names a released version set; none is released here (404), so the current tier answers.
    expect((await call('GET', `${tiers}/${premium.json}?version=1.0`)).status).toBe(404);
    const p = await ok('DescribeProductTier', call('GET', `${tiers}/${premium.json}`));
    expect(p.json).toMatchObject({ key: 'premium', tierType: 'OMNISTRATE_DEDICATED_TENANCY', azureRegions: ['eastus'] });

    const list = await ok('ListProductTier', call('GET', `/service/${t.svc}/model/${t.hosted}/product-tier`));
    expect(list.json).toEqual({ ids: [free.json, premium.json] });
    expect((await ok('ListProductTier', call('GET', `/service/${t.svc}/model/${t.byoa}/product-tier`))).json).toEqual({ ids: [] });

    const upd = await ok('UpdateProductTier', call('PATCH', `${tiers}/${free.json}`, { name: 'Free forever', maxNumberOfInstances: 2, isDisabled: true }));
    expect(upd.headers.get('content-length')).toBe('0');
    expect((await call('GET', `${tiers}/${free.json}`)).json).toMatchObject({ name: 'Free forever', key: 'free', maxNumberOfInstances: 2, isDisabled: true });

    await ok('EnableProductTierFeature', call('PUT', `${tiers}/${free.json}/feature`, { feature: 'BILLING', scope: 'INTERNAL', configuration: { S3BucketArn: 'arn:aws:s3:::b' } }));
    const featured = await ok('DescribeProductTier', call('GET', `${tiers}/${free.json}`));
    expect(featured.json).toMatchObject({
      features: { BILLING: true },
      enabledFeatures: [{ feature: 'BILLING', scope: 'INTERNAL', configuration: { S3BucketArn: 'arn:aws:s3:::b' } }],
    });
    // Disabled by name in a DELETE body, as clients send it.
    await ok('DisableProductTierFeature', call('DELETE', `${tiers}/${free.json}/feature`, { feature: 'BILLING' }));
    expect((await call('GET', `${tiers}/${free.json}`)).json).toMatchObject({ features: {}, enabledFeatures: [] });
    expect((await call('DELETE', `${tiers}/${free.json}/feature`, { feature: 'BILLING' })).status).toBe(404);

    const copy = await ok(
      'CopyProductTier',
      call('POST', `${tiers}/copy/${premium.json}`, { serviceModelId: t.byoa, name: 'Premium BYOA', description: '', targetTierType: 'CUSTOM' }),
    );
    expect(copy.json).toMatch(/^pt-/);
    const copied = await ok('DescribeProductTier', call('GET', `${tiers}/${copy.json}`));
    expect(copied.json).toMatchObject({ serviceModelId: t.byoa, key: 'premium-byoa', tierType: 'CUSTOM', azureRegions: ['eastus'], planDescription: 'Dedicated' });
    expect((await call('GET', `/service/${t.svc}/model/${t.byoa}/product-tier`)).json).toEqual({ ids: [copy.json] });

    // The model lists its tiers; it cannot be deleted while it has them.
    expect((await call('GET', `/service/${t.svc}/model/${t.hosted}`)).json.productTiers).toEqual([free.json, premium.json]);
    expect((await call('DELETE', `/service/${t.svc}/model/${t.byoa}`)).status).toBe(409);

    const del = await ok('DeleteProductTier', call('DELETE', `${tiers}/${copy.json}`));
    expect(del.headers.get('content-length')).toBe('0');
    expect((await call('GET', `${tiers}/${copy.json}`)).status).toBe(404);
    await ok('DeleteServiceModel', call('DELETE', `/service/${t.svc}/model/${t.byoa}`));
    for (const id of [free.json, premium.json]) await ok('DeleteProductTier', call('DELETE', `${tiers}/${id}`));
    await ok('DeleteServiceModel', call('DELETE', `/service/${t.svc}/model/${t.hosted}`));
    await ok('DeleteServiceAPI', call('DELETE', `/service/${t.svc}/service-api/${t.devApi}`));
  });

  it('bad enums and missing fields answer 400; duplicate keys 409', async () => {
    const t = await tree('Tier E2E Errors');
    const tiers = `/service/${t.svc}/product-tier`;
    const base = { serviceModelId: t.hosted, name: 'Basic', description: '', planDescription: '', tierType: 'CUSTOM' };
    const badType = await call('POST', tiers, { ...base, tierType: 'SHARED_TENANCY' });
    expect(badType.status).toBe(400);
    expect(badType.json).toMatchObject({ name: 'bad_request' });
    expect(badType.json.message).toMatch(/tierType/);
    const missing = await call('POST', tiers, { name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/serviceModelId/);
    const badModel = await call('POST', `/service/${t.svc}/model`, { serviceApiId: t.devApi, name: 'M', description: '', modelType: 'SELF_HOSTED' });
    expect(badModel.status).toBe(400);
    expect(badModel.json.message).toMatch(/modelType/);
    await ok('CreateProductTier', call('POST', tiers, base));
    const dup = await call('POST', tiers, { ...base, name: 'BASIC' });
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ name: 'invalid_state' });
    const badUpdate = await call('PATCH', `${tiers}/${(await call('GET', `/service/${t.svc}/model/${t.hosted}/product-tier`)).json.ids[0]}`, { tierType: 'nope' });
    expect(badUpdate.status).toBe(400);
  });

  it('a tier with a resource cannot be deleted (409) and has pending changes; without it the delete goes through', async () => {
    const t = await tree('Tier E2E Resources');
    const tiers = `/service/${t.svc}/product-tier`;
    // description is optional on create (the reference requires only name, planDescription, serviceModelId, tierType).
    const id = (
      await ok('CreateProductTier', call('POST', tiers, { serviceModelId: t.hosted, name: 'With DB', description: '', planDescription: '', tierType: 'OMNISTRATE_DEDICATED_TENANCY' }))
    ).json;
    expect((await ok('DescribeProductTier', call('GET', `${tiers}/${id}`))).json).toMatchObject({ description: '' });
    expect((await ok('GetServicePlan', call('GET', `${tiers}/${id}/service-plan`))).json.hasPendingChanges).toBe(false);

    const resource = await ok('CreateResource', call('POST', `/service/${t.svc}/resource`, { name: 'PostgreSQL', description: 'database', productTierId: id }));
    expect((await ok('GetServicePlan', call('GET', `${tiers}/${id}/service-plan`))).json.hasPendingChanges).toBe(true);

    const refused = await call('DELETE', `${tiers}/${id}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json).toMatchObject({ name: 'invalid_state' });
    expect(refused.json.message).toMatch(/PostgreSQL/);
    expect((await call('GET', `${tiers}/${id}`)).status).toBe(200);

    await ok('DeleteResource', call('DELETE', `/service/${t.svc}/resource/${resource.json}`));
    // Nothing has been released, so the tier's recorded changes (a resource added and removed) are still pending.
    expect((await ok('GetServicePlan', call('GET', `${tiers}/${id}/service-plan`))).json.hasPendingChanges).toBe(true);
    await ok('DeleteProductTier', call('DELETE', `${tiers}/${id}`));
    expect((await call('GET', `${tiers}/${id}`)).status).toBe(404);
    await ok('DeleteServiceModel', call('DELETE', `/service/${t.svc}/model/${t.hosted}`));
  });

  it('another org sees none of it (404 everywhere)', async () => {
    const t = await tree('Tier E2E Tenancy');
    const tiers = `/service/${t.svc}/product-tier`;
    const id = (
      await ok('CreateProductTier', call('POST', tiers, { serviceModelId: t.hosted, name: 'Mine', description: '', planDescription: '', tierType: 'CUSTOM' }))
    ).json;
    const s = stranger.token;
    const attempts = [
      call('GET', `${tiers}/${id}`, undefined, s),
      call('GET', `/service/${t.svc}/model/${t.hosted}/product-tier`, undefined, s),
      call('PATCH', `${tiers}/${id}`, { name: 'Theirs' }, s),
      call('PUT', `${tiers}/${id}/feature`, { feature: 'LOGS' }, s),
      call('DELETE', `${tiers}/${id}/feature`, { feature: 'LOGS' }, s),
      call('POST', `${tiers}/copy/${id}`, { serviceModelId: t.hosted, name: 'Theirs', description: '' }, s),
      call('POST', tiers, { serviceModelId: t.hosted, name: 'Theirs', description: '', planDescription: '', tierType: 'CUSTOM' }, s),
      call('DELETE', `${tiers}/${id}`, undefined, s),
      call('GET', `${tiers}/${id}/service-plan`, undefined, s),
      call('GET', `/service/${t.svc}/environment/${t.dev}/service-plan`, undefined, s),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status, r.text).toBe(404);
      expect(r.json.message).toMatch(/not found/);
    }
    expect((await call('GET', `${tiers}/${id}`)).json).toMatchObject({ name: 'Mine' });
  });
});
