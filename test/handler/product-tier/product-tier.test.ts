import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as describeTier } from '#functions/product-tier/describe-product-tier.ts';
import { operation as listTiers } from '#functions/product-tier/list-product-tier.ts';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { operation as deleteTier } from '#functions/product-tier/delete-product-tier.ts';
import { operation as enableFeature } from '#functions/product-tier/enable-product-tier-feature.ts';
import { operation as disableFeature } from '#functions/product-tier/disable-product-tier-feature.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { serviceTree, type Tree } from '../../support/tree-fixtures.ts';
import { fixtures, type Item } from './fixtures.ts';

let root: TestSession;
let stranger: TestSession;
let reader: TestSession;
let t: Tree;

beforeAll(async () => {
  [root, stranger, reader] = await Promise.all([testSession(), testSession(), testSession('reader')]);
  t = await serviceTree(root.token, 'Tier Tree');
});

const { newTier, tierId, describeOf, tierItem } = fixtures(() => root);

describe('CreateProductTier', () => {
  it('create stores the tier under its model with a key guard and touches the service and the model', async () => {
    const [svcBefore, modelBefore] = await Promise.all([
      getItem<Item>(keys.service(t.svc)),
      getItem<Item>(keys.serviceModel(t.svc, t.hosted)),
    ]);
    const res = await newTier(t.svc, {
      serviceModelId: `"${t.hosted}"`,
      name: ' Premium Plan ',
      tierType: 'omnistrate_dedicated_tenancy',
      pricing: [{ unit: 'hour', price: 2 }],
      pricePerUnit: { 'CPU core hours': { amount: 0.001, currency: 'USD' } },
      awsRegions: ['us-east-1', ' us-east-1', 'eu-west-1', ''],
      gcpRegions: ['us-central1'],
      support: 'support@acme.test',
      documentation: 'https://docs.acme.test',
      maxNumberOfInstances: 3,
      autoApproveSubscription: true,
      isDisabled: true,
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatch(/^pt-[A-Za-z0-9]{10}$/);
    const item = await tierItem(t.svc, res.json);
    expect(item).toMatchObject({
      entity: 'productTier',
      orgId: root.orgId,
      serviceId: t.svc,
      productTierId: res.json,
      serviceModelId: t.hosted,
      serviceApiId: t.dev.api,
      environmentId: t.dev.env,
      modelType: 'OMNISTRATE_HOSTED',
      name: 'Premium Plan',
      key: 'premium-plan',
      tierType: 'OMNISTRATE_DEDICATED_TENANCY',
      pricing: [{ unit: 'hour', price: 2 }],
      awsRegions: ['us-east-1', 'eu-west-1'],
      gcpRegions: ['us-central1'],
      azureRegions: [],
      maxNumberOfInstances: 3,
      autoApproveSubscription: true,
      isDisabled: true,
      features: {},
      version: 1,
    });
    expect(await getItem(keys.tierKeyGuard(t.svc, t.hosted, 'premium-plan'))).toMatchObject({ productTierId: res.json, value: 'premium-plan' });
    const [svcAfter, modelAfter] = await Promise.all([
      getItem<Item>(keys.service(t.svc)),
      getItem<Item>(keys.serviceModel(t.svc, t.hosted)),
    ]);
    expect(svcAfter!.version).toBeGreaterThan(svcBefore!.version);
    expect(modelAfter!.version).toBeGreaterThan(modelBefore!.version);
  });

  it('refuses bad tier types and missing fields (400), unknown or foreign models (404), readers (403)', async () => {
    const bad = await newTier(t.svc, { serviceModelId: t.hosted, name: 'Bad', tierType: 'SHARED' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/body\.tierType/);
    const missing = await invoke(createTier, { token: root.token, params: { serviceId: t.svc }, body: { serviceModelId: t.hosted } });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/body\.name is required/);
    const negative = await newTier(t.svc, { serviceModelId: t.hosted, name: 'Neg', maxNumberOfInstances: -1 });
    expect(negative.status).toBe(400);
    expect(negative.json.message).toMatch(/maxNumberOfInstances/);
    expect((await newTier(t.svc, { serviceModelId: 'sm-missing000', name: 'X' })).status).toBe(404);
    const foreign = await newTier(t.svc, { serviceModelId: t.hosted, name: 'Foreign' }, stranger.token);
    expect(foreign.status).toBe(404);
    expect(foreign.json.message).toMatch(/not found/);
    expect((await newTier(t.svc, { serviceModelId: t.hosted, name: 'Read' }, reader.token)).status).toBe(403);
  });

  it('keys are unique within the model (409, also under a race) but not across models', async () => {
    await tierId(t.svc, { serviceModelId: t.hosted, name: 'Basic' });
    const again = await newTier(t.svc, { serviceModelId: t.hosted, name: 'basic' });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/key "basic"/);
    expect((await newTier(t.svc, { serviceModelId: t.byoa, name: 'Basic' })).status).toBe(200);
    const race = await Promise.all([1, 2, 3].map(() => newTier(t.svc, { serviceModelId: t.hosted, name: 'Raced' })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

});

describe('DescribeProductTier', () => {
  it('describe fills every field (contract-valid)', async () => {
    const t2 = await serviceTree(root.token, 'Tier Describe');
    const a = await tierId(t2.svc, { serviceModelId: t2.hosted, name: 'Free' });
    const b = await tierId(t2.svc, {
      serviceModelId: t2.hosted,
      name: 'Gold',
      pricing: { price1: 'value1' },
      azureRegions: ['eastus'],
      support: 'email',
      documentation: 'docs',
      maxNumberOfInstances: 10,
    });
    await tierId(t2.svc, { serviceModelId: t2.byoa, name: 'Own' });
    const d = await describeOf(t2.svc, a);
    expect(d.status).toBe(200);
    expect(contractProblems('DescribeProductTier', 200, d.json)).toEqual([]);
    expect(d.json).toEqual({
      id: a,
      serviceId: t2.svc,
      serviceModelId: t2.hosted,
      name: 'Free',
      key: 'free',
      description: 'a plan',
      planDescription: 'for customers',
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      pricing: {},
      pricePerUnit: {},
      awsRegions: [],
      gcpRegions: [],
      azureRegions: [],
      support: '',
      documentation: '',
      billingProductID: '',
      autoApproveSubscription: false,
      allowCreatesWhenPaymentNotConfigured: false,
      exportUsageMetering: false,
      exportUsageMeteringConfig: {},
      isDisabled: false,
      features: {},
      enabledFeatures: [],
      apiGroups: {},
      cloudProvidersConfigReadiness: {},
    });
    const g = await describeOf(t2.svc, b, root.token);
    expect(g.json).toMatchObject({ pricing: { price1: 'value1' }, azureRegions: ['eastus'], support: 'email', documentation: 'docs', maxNumberOfInstances: 10 });
    const withVersion = await invoke(describeTier, { token: root.token, params: { serviceId: t2.svc, id: b }, query: { version: '1.0' } });
    // No version of the tier is released: a version names a version set, which does not exist (tier-version-set tests).
    expect(withVersion.status).toBe(404);
    expect(withVersion.json.message).toContain('Version set not found');
  });
});

describe('ListProductTier', () => {
  it('lists the tiers of one model, oldest first (contract-valid)', async () => {
    const t2 = await serviceTree(root.token, 'Tier List');
    const a = await tierId(t2.svc, { serviceModelId: t2.hosted, name: 'Free' });
    const b = await tierId(t2.svc, {
      serviceModelId: t2.hosted,
      name: 'Gold',
      pricing: { price1: 'value1' },
      azureRegions: ['eastus'],
      support: 'email',
      documentation: 'docs',
      maxNumberOfInstances: 10,
    });
    const c = await tierId(t2.svc, { serviceModelId: t2.byoa, name: 'Own' });
    const list = await invoke(listTiers, { token: root.token, params: { serviceId: t2.svc, serviceModelId: t2.hosted } });
    expect(list.status).toBe(200);
    expect(contractProblems('ListProductTier', 200, list.json)).toEqual([]);
    expect(list.json).toEqual({ ids: [a, b] });
    expect((await invoke(listTiers, { token: root.token, params: { serviceId: t2.svc, serviceModelId: t2.byoa } })).json).toEqual({ ids: [c] });
    expect((await invoke(listTiers, { token: root.token, params: { serviceId: t2.svc, serviceModelId: 'sm-nothere000' } })).status).toBe(404);
    expect((await invoke(listTiers, { token: stranger.token, params: { serviceId: t2.svc, serviceModelId: t2.hosted } })).status).toBe(404);
  });
});

describe('UpdateProductTier', () => {
  it('update changes settings; a rename keeps the key; bad values are 400', async () => {
    const id = await tierId(t.svc, { serviceModelId: t.hosted, name: 'Silver' });
    const res = await invoke(updateTier, {
      token: root.token,
      params: { serviceId: t.svc, id },
      body: {
        name: 'Silver Plus',
        description: 'more',
        tierType: 'custom',
        pricing: { price: 5 },
        gcpRegions: ['europe-west1', 'europe-west1'],
        maxNumberOfInstances: 7,
        isDisabled: true,
        unknownField: 'ignored',
      },
    });
    expect(res.status, res.body).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBe('0');
    const item = await tierItem(t.svc, id);
    expect(item).toMatchObject({
      name: 'Silver Plus',
      key: 'silver',
      description: 'more',
      tierType: 'CUSTOM',
      pricing: { price: 5 },
      gcpRegions: ['europe-west1'],
      maxNumberOfInstances: 7,
      isDisabled: true,
      planDescription: 'for customers',
      version: 2,
    });
    expect(item).not.toHaveProperty('unknownField');
    const bad = await invoke(updateTier, { token: root.token, params: { serviceId: t.svc, id }, body: { tierType: 'SHARED' } });
    expect(bad.status).toBe(400);
    expect((await invoke(updateTier, { token: stranger.token, params: { serviceId: t.svc, id }, body: { name: 'X' } })).status).toBe(404);
    expect((await invoke(updateTier, { token: reader.token, params: { serviceId: t.svc, id }, body: { name: 'X' } })).status).toBe(403);
  });
});

describe('EnableProductTierFeature', () => {
  it('enables with scope and configuration, and replaces an enabled one', async () => {
    const id = await tierId(t.svc, { serviceModelId: t.hosted, name: 'Featured' });
    const on = (body: unknown) => invoke(enableFeature, { token: root.token, params: { serviceId: t.svc, id }, body });
    expect((await on({ feature: 'BILLING', scope: 'internal', configuration: { S3BucketArn: 'arn:aws:s3:::b' } })).status).toBe(200);
    expect((await on({ feature: 'LOGS' })).status).toBe(200);
    const d = await describeOf(t.svc, id);
    expect(d.json.features).toEqual({ BILLING: true, LOGS: true });
    expect(d.json.enabledFeatures).toEqual([
      { feature: 'BILLING', scope: 'INTERNAL', configuration: { S3BucketArn: 'arn:aws:s3:::b' } },
      { feature: 'LOGS', configuration: {} },
    ]);
    expect(contractProblems('DescribeProductTier', 200, d.json)).toEqual([]);
    expect((await on({ feature: 'LOGS', configuration: { provider: 'native' } })).status).toBe(200);
    expect((await describeOf(t.svc, id)).json.enabledFeatures[1]).toEqual({ feature: 'LOGS', configuration: { provider: 'native' } });
    const foreign = await invoke(enableFeature, { token: stranger.token, params: { serviceId: t.svc, id }, body: { feature: 'LOGS' } });
    expect(foreign.status).toBe(404);
  });
});

describe('DisableProductTierFeature', () => {
  it('disables by name; the scope, when named, must match; one not enabled is 404', async () => {
    const id = await tierId(t.svc, { serviceModelId: t.hosted, name: 'Featured Off' });
    const on = (body: unknown) => invoke(enableFeature, { token: root.token, params: { serviceId: t.svc, id }, body });
    const off = (body: unknown) => invoke(disableFeature, { token: root.token, params: { serviceId: t.svc, id }, body });
    expect((await on({ feature: 'BILLING', scope: 'internal', configuration: { S3BucketArn: 'arn:aws:s3:::b' } })).status).toBe(200);
    expect((await on({ feature: 'LOGS' })).status).toBe(200);
    let d = await describeOf(t.svc, id);
    expect(d.json.features).toEqual({ BILLING: true, LOGS: true });
    const wrongScope = await off({ feature: 'BILLING', scope: 'CUSTOMER' });
    expect(wrongScope.status).toBe(404);
    expect(wrongScope.json.message).toMatch(/BILLING.*not found/);
    expect((await off({ feature: 'BILLING', scope: 'Internal' })).status).toBe(200);
    expect((await off({ feature: 'LOGS' })).status).toBe(200);
    expect((await off({ feature: 'LOGS' })).status).toBe(404);
    expect((await off({})).status).toBe(400);
    d = await describeOf(t.svc, id);
    expect(d.json).toMatchObject({ features: {}, enabledFeatures: [] });
  });
});

describe('tenancy (every product-tier operation)', () => {
  it("ids of another org, or of another service than the path's, answer 404", async () => {
    const id = await tierId(t.svc, { serviceModelId: t.hosted, name: 'Private' });
    const other = await serviceTree(root.token, 'Tier Other Service');
    expect((await describeOf(other.svc, id)).status).toBe(404);
    expect((await describeOf(t.svc, id, stranger.token)).status).toBe(404);
    expect((await newTier(other.svc, { serviceModelId: t.hosted, name: 'Cross' })).status).toBe(404);
    const del = await invoke(deleteTier, { token: root.token, params: { serviceId: other.svc, id } });
    expect(del.status).toBe(404);
    expect(await tierItem(t.svc, id)).toBeDefined();
    const foreignModel = newId(ID_PREFIX.serviceModel);
    expect((await invoke(listTiers, { token: root.token, params: { serviceId: t.svc, serviceModelId: foreignModel } })).status).toBe(404);
  });
});
