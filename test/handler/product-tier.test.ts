import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as describeTier } from '#functions/product-tier/describe-product-tier.ts';
import { operation as listTiers } from '#functions/product-tier/list-product-tier.ts';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { operation as deleteTier } from '#functions/product-tier/delete-product-tier.ts';
import { operation as enableFeature } from '#functions/product-tier/enable-product-tier-feature.ts';
import { operation as disableFeature } from '#functions/product-tier/disable-product-tier-feature.ts';
import { operation as copyTier } from '#functions/product-tier/copy-product-tier.ts';
import { operation as deleteModel } from '#functions/service-model/delete-service-model.ts';
import { operation as copyModel } from '#functions/service-model/copy-service-model.ts';
import { db, tableName } from '#shared/data/client.ts';
import { getItem, queryAll, stamp } from '#shared/data/store.ts';
import { keys, TREE } from '#shared/data/keys.ts';
import { ID_PREFIX, newId, newLowerId } from '#shared/domain/ids.ts';
import { invoke } from '../support/invoke.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { serviceTree, type Tree } from '../support/tree-fixtures.ts';

let root: TestSession;
let stranger: TestSession;
let reader: TestSession;

beforeAll(async () => {
  [root, stranger, reader] = await Promise.all([testSession(), testSession(), testSession('reader')]);
});

type Item = Record<string, any>;

function newTier(svc: string, body: Record<string, unknown>, token = root.token) {
  return invoke(createTier, {
    token,
    params: { serviceId: svc },
    body: { description: 'a plan', planDescription: 'for customers', tierType: 'OMNISTRATE_MULTI_TENANCY', ...body },
  });
}

async function tierId(svc: string, body: Record<string, unknown>): Promise<string> {
  const res = await newTier(svc, body);
  expect(res.status, res.body).toBe(200);
  return res.json;
}

const describeOf = (svc: string, id: string, token = root.token) => invoke(describeTier, { token, params: { serviceId: svc, id } });
const tierItem = (svc: string, id: string) => getItem<Item>(keys.serviceChild(svc, TREE.productTier, id));

/** A resource of the tier, written as the resource group stores it (only what tier deletes read). */
async function resourceOf(t: Tree, productTierId: string): Promise<string> {
  const resourceId = newLowerId(ID_PREFIX.resource);
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: stamp({
        ...keys.serviceChild(t.svc, TREE.resource, resourceId),
        entity: 'resource',
        orgId: root.orgId,
        serviceId: t.svc,
        productTierId,
        resourceId,
        name: 'Writer',
      }),
    }),
  );
  return resourceId;
}

/** A change record in the tier's definition log, as the resource group writes it. */
async function changeOf(t: Tree, productTierId: string, n: number) {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: stamp({
        ...keys.serviceChild(t.svc, TREE.change, `${productTierId}#${new Date().toISOString()}#${n}`),
        entity: 'change',
        orgId: root.orgId,
        serviceId: t.svc,
        productTierId,
        changedEntity: 'resource',
        kind: 'NEW',
      }),
    }),
  );
}

describe('product-tier-api handlers', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await serviceTree(root.token, 'Tier Tree');
  });

  it('create stores the tier under its model with a key guard and touches the service and the model', async () => {
    const [svcBefore, modelBefore] = await Promise.all([
      getItem<Item>(keys.service(t.svc)),
      getItem<Item>(keys.serviceChild(t.svc, TREE.serviceModel, t.hosted)),
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
    expect(await getItem(keys.tierKeyGuard(t.svc, t.hosted, 'premium-plan'))).toMatchObject({ productTierId: res.json });
    const [svcAfter, modelAfter] = await Promise.all([
      getItem<Item>(keys.service(t.svc)),
      getItem<Item>(keys.serviceChild(t.svc, TREE.serviceModel, t.hosted)),
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

  it('describe fills every field (contract-valid); list shows the tiers of one model', async () => {
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
    const c = await tierId(t2.svc, { serviceModelId: t2.byoa, name: 'Own' });
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
    expect(withVersion.status).toBe(200);
    const list = await invoke(listTiers, { token: root.token, params: { serviceId: t2.svc, serviceModelId: t2.hosted } });
    expect(list.status).toBe(200);
    expect(contractProblems('ListProductTier', 200, list.json)).toEqual([]);
    expect(list.json).toEqual({ ids: [a, b] });
    expect((await invoke(listTiers, { token: root.token, params: { serviceId: t2.svc, serviceModelId: t2.byoa } })).json).toEqual({ ids: [c] });
    expect((await invoke(listTiers, { token: root.token, params: { serviceId: t2.svc, serviceModelId: 'sm-nothere000' } })).status).toBe(404);
    expect((await invoke(listTiers, { token: stranger.token, params: { serviceId: t2.svc, serviceModelId: t2.hosted } })).status).toBe(404);
  });

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

  it('features: enable with scope and configuration, replace, disable by name (scope must match)', async () => {
    const id = await tierId(t.svc, { serviceModelId: t.hosted, name: 'Featured' });
    const on = (body: unknown) => invoke(enableFeature, { token: root.token, params: { serviceId: t.svc, id }, body });
    const off = (body: unknown) => invoke(disableFeature, { token: root.token, params: { serviceId: t.svc, id }, body });
    expect((await on({ feature: 'BILLING', scope: 'internal', configuration: { S3BucketArn: 'arn:aws:s3:::b' } })).status).toBe(200);
    expect((await on({ feature: 'LOGS' })).status).toBe(200);
    let d = await describeOf(t.svc, id);
    expect(d.json.features).toEqual({ BILLING: true, LOGS: true });
    expect(d.json.enabledFeatures).toEqual([
      { feature: 'BILLING', scope: 'INTERNAL', configuration: { S3BucketArn: 'arn:aws:s3:::b' } },
      { feature: 'LOGS', configuration: {} },
    ]);
    expect(contractProblems('DescribeProductTier', 200, d.json)).toEqual([]);
    expect((await on({ feature: 'LOGS', configuration: { provider: 'native' } })).status).toBe(200);
    expect((await describeOf(t.svc, id)).json.enabledFeatures[1]).toEqual({ feature: 'LOGS', configuration: { provider: 'native' } });
    const wrongScope = await off({ feature: 'BILLING', scope: 'CUSTOMER' });
    expect(wrongScope.status).toBe(404);
    expect(wrongScope.json.message).toMatch(/BILLING.*not found/);
    expect((await off({ feature: 'BILLING', scope: 'Internal' })).status).toBe(200);
    expect((await off({ feature: 'LOGS' })).status).toBe(200);
    expect((await off({ feature: 'LOGS' })).status).toBe(404);
    expect((await off({})).status).toBe(400);
    d = await describeOf(t.svc, id);
    expect(d.json).toMatchObject({ features: {}, enabledFeatures: [] });
    const foreign = await invoke(enableFeature, { token: stranger.token, params: { serviceId: t.svc, id }, body: { feature: 'LOGS' } });
    expect(foreign.status).toBe(404);
  });

  it('copy duplicates a tier into a model of the service: new key, target type, overrides, own guard', async () => {
    const src = await tierId(t.svc, {
      serviceModelId: t.hosted,
      name: 'Copy Source',
      pricing: { price: 1 },
      awsRegions: ['us-east-1'],
      support: 'chat',
      maxNumberOfInstances: 2,
    });
    await invoke(enableFeature, { token: root.token, params: { serviceId: t.svc, id: src }, body: { feature: 'LOGS', scope: 'INTERNAL' } });
    const res = await invoke(copyTier, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: src },
      body: { serviceModelId: t.byoa, name: 'Copied Plan', targetTierType: 'OMNISTRATE_DEDICATED_TENANCY', support: 'phone' },
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatch(/^pt-/);
    const copy = await tierItem(t.svc, res.json);
    expect(copy).toMatchObject({
      productTierId: res.json,
      serviceModelId: t.byoa,
      modelType: 'BYOA',
      serviceApiId: t.dev.api,
      environmentId: t.dev.env,
      name: 'Copied Plan',
      key: 'copied-plan',
      tierType: 'OMNISTRATE_DEDICATED_TENANCY',
      pricing: { price: 1 },
      awsRegions: ['us-east-1'],
      support: 'phone',
      maxNumberOfInstances: 2,
      features: { LOGS: { scope: 'INTERNAL', configuration: {} } },
      version: 1,
    });
    expect(await getItem(keys.tierKeyGuard(t.svc, t.byoa, 'copied-plan'))).toMatchObject({ productTierId: res.json });
    // The source is untouched.
    expect(await tierItem(t.svc, src)).toMatchObject({ serviceModelId: t.hosted, support: 'chat', tierType: 'OMNISTRATE_MULTI_TENANCY' });
    // Same model, same key → 409; a missing or foreign target model, or a source of another service → 404.
    const dup = await invoke(copyTier, { token: root.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: t.byoa, name: 'copied plan' } });
    expect(dup.status).toBe(409);
    const other = await serviceTree(root.token, 'Tier Copy Other');
    const cross = await invoke(copyTier, { token: root.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: other.hosted, name: 'Cross' } });
    expect(cross.status).toBe(404);
    const wrongService = await invoke(copyTier, { token: root.token, params: { serviceId: other.svc, sourceId: src }, body: { serviceModelId: other.hosted, name: 'Cross' } });
    expect(wrongService.status).toBe(404);
    const foreign = await invoke(copyTier, { token: stranger.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: t.byoa, name: 'Steal' } });
    expect(foreign.status).toBe(404);
    const missingName = await invoke(copyTier, { token: root.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: t.byoa } });
    expect(missingName.status).toBe(400);
  });

  it('copied tiers of CopyServiceModel are ordinary tiers here (describe, list)', async () => {
    const t3 = await serviceTree(root.token, 'Tier Model Copy');
    const a = await tierId(t3.svc, { serviceModelId: t3.hosted, name: 'One', pricing: { p: 1 } });
    const copy = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t3.svc, sourceId: t3.hosted },
      body: { name: 'Customer hosted', description: '', targetServiceModelType: 'CUSTOMER_HOSTED' },
    });
    expect(copy.status).toBe(200);
    const ids = (await invoke(listTiers, { token: root.token, params: { serviceId: t3.svc, serviceModelId: copy.json } })).json.ids;
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(a);
    const d = await describeOf(t3.svc, ids[0]);
    expect(d.json).toMatchObject({ serviceModelId: copy.json, key: 'one', pricing: { p: 1 } });
    expect(contractProblems('DescribeProductTier', 200, d.json)).toEqual([]);
  });

  it('delete is refused while resources exist; then removes the tier, its guard and its change log atomically', async () => {
    const t4 = await serviceTree(root.token, 'Tier Delete');
    const id = await tierId(t4.svc, { serviceModelId: t4.hosted, name: 'Doomed' });
    const res = await resourceOf(t4, id);
    const refused = await invoke(deleteTier, { token: root.token, params: { serviceId: t4.svc, id } });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/has resources \(Writer\)/);
    expect(await tierItem(t4.svc, id)).toBeDefined();
    // The model cannot go while the tier exists.
    expect((await invoke(deleteModel, { token: root.token, params: { serviceId: t4.svc, id: t4.hosted } })).status).toBe(409);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.serviceChild(t4.svc, TREE.resource, res) }));
    for (let n = 0; n < 120; n++) await changeOf(t4, id, n);
    expect((await invoke(deleteTier, { token: stranger.token, params: { serviceId: t4.svc, id } })).status).toBe(404);
    expect((await invoke(deleteTier, { token: reader.token, params: { serviceId: t4.svc, id } })).status).toBe(403);
    const del = await invoke(deleteTier, { token: root.token, params: { serviceId: t4.svc, id } });
    expect(del.status, del.body).toBe(200);
    expect(del.headers['content-length']).toBe('0');
    expect(await tierItem(t4.svc, id)).toBeUndefined();
    expect(await getItem(keys.tierKeyGuard(t4.svc, t4.hosted, 'doomed'))).toBeUndefined();
    expect(await queryAll(keys.changesOfTier(t4.svc, id))).toEqual([]);
    expect((await describeOf(t4.svc, id)).status).toBe(404);
    expect((await invoke(deleteTier, { token: root.token, params: { serviceId: t4.svc, id } })).status).toBe(404);
    // The key is free again, and the model can now be deleted.
    expect((await newTier(t4.svc, { serviceModelId: t4.hosted, name: 'Doomed' })).status).toBe(200);
  });

  it('a tier delete racing a tier create under the model leaves the model consistent', async () => {
    const t5 = await serviceTree(root.token, 'Tier Race');
    const id = await tierId(t5.svc, { serviceModelId: t5.byoa, name: 'Only' });
    const [del, created] = await Promise.all([
      invoke(deleteTier, { token: root.token, params: { serviceId: t5.svc, id } }),
      newTier(t5.svc, { serviceModelId: t5.byoa, name: 'Second' }),
    ]);
    expect(del.status).toBe(200);
    expect(created.status).toBe(200);
    const left = (await queryAll<Item>(keys.productTiersOfService(t5.svc))).filter((x) => x.serviceModelId === t5.byoa);
    expect(left.map((x) => x.productTierId)).toEqual([created.json]);
  });

  it('a tier create racing its model delete never leaves an orphan tier', async () => {
    for (let round = 0; round < 3; round++) {
      const t6 = await serviceTree(root.token, `Tier Orphan ${round}`);
      const [del, created] = await Promise.all([
        invoke(deleteModel, { token: root.token, params: { serviceId: t6.svc, id: t6.byoa } }),
        newTier(t6.svc, { serviceModelId: t6.byoa, name: 'Racer' }),
      ]);
      const model = await getItem(keys.serviceChild(t6.svc, TREE.serviceModel, t6.byoa));
      const tiers = (await queryAll<Item>(keys.productTiersOfService(t6.svc))).filter((x) => x.serviceModelId === t6.byoa);
      if (del.status === 200) {
        expect(created.status).toBe(404);
        expect(model).toBeUndefined();
        expect(tiers).toEqual([]);
      } else {
        expect(del.status).toBe(409);
        expect(created.status).toBe(200);
        expect(model).toBeDefined();
        expect(tiers.map((x) => x.productTierId)).toEqual([created.json]);
      }
    }
  });

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
