import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { operation as getPlan } from '#functions/service-plan/get-service-plan.ts';
import { operation as listPlans } from '#functions/service-plan/list-service-plans.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as enableTierFeature } from '#functions/product-tier/enable-product-tier-feature.ts';
import { operation as deprecateApi } from '#functions/service-api/deprecate-service-api.ts';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { db, tableName } from '#shared/data/client.ts';
import { getItem, stamp } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { modelUnder, serviceTree, type Tree } from '../../support/tree-fixtures.ts';

let root: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [root, stranger] = await Promise.all([testSession(), testSession()]);
});

async function tier(svc: string, serviceModelId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await invoke(createTier, {
    token: root.token,
    params: { serviceId: svc },
    body: { serviceModelId, name, description: `${name} tier`, planDescription: `${name} for you`, tierType: 'OMNISTRATE_MULTI_TENANCY', ...extra },
  });
  expect(res.status, res.body).toBe(200);
  return res.json;
}

const plan = (svc: string, productTierId: string, token = root.token) => invoke(getPlan, { token, params: { serviceId: svc, productTierId } });
const plans = (svc: string, serviceEnvironmentId: string, token = root.token) =>
  invoke(listPlans, { token, params: { serviceId: svc, serviceEnvironmentId } });

// One tree shared by the GetServicePlan, ListServicePlans and DescribeService cases below (they run in order).
let t: Tree;
let gold: string;
let own: string;
beforeAll(async () => {
  t = await serviceTree(root.token, 'Plan Tree');
  gold = await tier(t.svc, t.hosted, 'Gold', {
    pricing: { price1: 'value1' },
    support: 'email',
    documentation: 'docs',
    awsRegions: ['us-east-1'],
    autoApproveSubscription: true,
  });
  own = await tier(t.svc, t.byoa, 'Own Account', { tierType: 'OMNISTRATE_DEDICATED_TENANCY' });
});

describe('GetServicePlan', () => {
  it('joins the tier with its model, service API and environment (contract-valid)', async () => {
    await invoke(enableTierFeature, { token: root.token, params: { serviceId: t.svc, id: gold }, body: { feature: 'LOGS', scope: 'INTERNAL' } });
    const res = await plan(t.svc, gold);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('GetServicePlan', 200, res.json)).toEqual([]);
    const env = await getItem<{ deploymentConfigId: string }>(keys.environment(t.svc, t.dev.env));
    expect(env!.deploymentConfigId).toMatch(/^dc-/);
    expect(res.json).toEqual({
      productTierId: gold,
      productTierName: 'Gold',
      productTierKey: 'gold',
      productTierDescription: 'Gold tier',
      productTierPlanDescription: 'Gold for you',
      productTierPricing: { price1: 'value1' },
      productTierSupport: 'email',
      productTierDocumentation: 'docs',
      productTierFeatures: { LOGS: true },
      isProductTierDisabled: false,
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      AutoApproveSubscription: true,
      awsRegions: ['us-east-1'],
      gcpRegions: [],
      azureRegions: [],
      serviceModelId: t.hosted,
      serviceModelName: 'Hosted',
      serviceModelDescription: 'Hosted model',
      serviceModelFeatures: [{ feature: 'LOGS', configuration: { provider: 'native' } }],
      modelType: 'OMNISTRATE_HOSTED',
      accountConfigIds: [],
      activeAccountConfigIds: {},
      serviceApiId: t.dev.api,
      serviceApiDescription: 'Dev API',
      apiVersion: 'v1',
      serviceEnvironmentId: t.dev.env,
      deploymentConfigId: env!.deploymentConfigId,
      // Never released, and its feature was enabled above: that edit is pending.
      hasPendingChanges: true,
      latestMajorVersion: '',
      versionSetStatus: '',
    });
  });

  it('hasPendingChanges turns true once the tier records a definition change', async () => {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: stamp({
          ...keys.changeRecord(t.svc, own, new Date().toISOString(), '0001'),
          entity: 'change',
          orgId: root.orgId,
          serviceId: t.svc,
          productTierId: own,
          changedEntity: 'resource',
          kind: 'NEW',
        }),
      }),
    );
    expect((await plan(t.svc, own)).json).toMatchObject({ hasPendingChanges: true, modelType: 'BYOA', tierType: 'OMNISTRATE_DEDICATED_TENANCY' });
    // Another plan of the model, never edited since its creation, has nothing pending.
    const other = await serviceTree(root.token, 'Untouched Plan Tree');
    const silver = await tier(other.svc, other.hosted, 'Silver');
    expect((await plan(other.svc, silver)).json.hasPendingChanges).toBe(false);
  });

  it('a deprecated service API still shows its plans, with its version', async () => {
    const t2 = await serviceTree(root.token, 'Plan Deprecated');
    const id = await tier(t2.svc, t2.hosted, 'Legacy');
    expect((await invoke(deprecateApi, { token: root.token, params: { serviceId: t2.svc, id: t2.dev.api } })).status).toBe(200);
    expect((await plan(t2.svc, id)).json).toMatchObject({ apiVersion: 'v1', serviceApiId: t2.dev.api });
  });

  it("another org's ids, ids of another service, and unknown ids answer 404", async () => {
    expect((await plan(t.svc, gold, stranger.token)).status).toBe(404);
    const other = await serviceTree(root.token, 'Plan Other');
    const wrong = await plan(other.svc, gold);
    expect(wrong.status).toBe(404);
    expect(wrong.json.message).toMatch(/product tier not found/);
    expect((await plan(t.svc, 'pt-unknown0000')).status).toBe(404);
  });
});

describe('ListServicePlans', () => {
  it("lists an environment's plans oldest first; PROD has none yet", async () => {
    const dev = await plans(t.svc, t.dev.env);
    expect(dev.status).toBe(200);
    expect(contractProblems('ListServicePlans', 200, dev.json)).toEqual([]);
    expect(dev.json.servicePlans.map((p: { productTierId: string }) => p.productTierId)).toEqual([gold, own]);
    expect(dev.json.servicePlans[0]).toEqual((await plan(t.svc, gold)).json);
    const prod = await plans(t.svc, t.prod.env);
    expect(prod.json).toEqual({ servicePlans: [] });
    expect(contractProblems('ListServicePlans', 200, prod.json)).toEqual([]);
    const prodModel = await modelUnder(root.token, t.svc, t.prod.api, 'Prod hosted', 'OMNISTRATE_HOSTED');
    const prodTier = await tier(t.svc, prodModel, 'Gold');
    const after = await plans(t.svc, t.prod.env);
    expect(after.json.servicePlans).toHaveLength(1);
    expect(after.json.servicePlans[0]).toMatchObject({ productTierId: prodTier, serviceApiId: t.prod.api, serviceEnvironmentId: t.prod.env });
  });

  it("another org's ids, ids of another service, and unknown ids answer 404", async () => {
    expect((await plans(t.svc, t.dev.env, stranger.token)).status).toBe(404);
    const other = await serviceTree(root.token, 'Plan Other List');
    expect((await plans(other.svc, t.dev.env)).status).toBe(404);
    expect((await plans(t.svc, 'se-unknown0000')).status).toBe(404);
  });
});

describe('DescribeService', () => {
  it("shows each environment's plans with their tier and model types", async () => {
    const res = await invoke(describeService, { token: root.token, params: { id: t.svc } });
    expect(res.status).toBe(200);
    const dev = res.json.serviceEnvironments.find((e: { id: string }) => e.id === t.dev.env);
    expect(dev.servicePlans).toEqual([
      { productTierID: gold, name: 'Gold', description: 'Gold tier', tierType: 'OMNISTRATE_MULTI_TENANCY', modelType: 'OMNISTRATE_HOSTED' },
      { productTierID: own, name: 'Own Account', description: 'Own Account tier', tierType: 'OMNISTRATE_DEDICATED_TENANCY', modelType: 'BYOA' },
    ]);
  });
});
