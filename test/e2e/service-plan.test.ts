import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession('root', 'Plan Org'), testSession()]);
});

async function call(method: string, path: string, body?: unknown, token = owner.token) {
  return http(method, `${API}${path}`, { token, body });
}

async function ok(operationId: string, res: Promise<Awaited<ReturnType<typeof call>>>) {
  const r = await res;
  expect(r.status, r.text).toBe(200);
  expect(contractProblems(operationId, 200, r.json)).toEqual([]);
  return r;
}

describe('service plans over HTTP', () => {
  it('DEV and PROD with a plan each: GetServicePlan, ListServicePlans and DescribeService agree', async () => {
    const svc = (await ok('CreateService', call('POST', '/service', { name: 'Plan E2E', description: '' }))).json;
    const dev = (await ok('CreateServiceEnvironment', call('POST', `/service/${svc}/environment`, { name: 'Dev', description: '', type: 'DEV', deploymentConfigId: 'default' }))).json;
    const prod = (
      await ok(
        'CreateServiceEnvironment',
        call('POST', `/service/${svc}/environment`, { name: 'Production', description: '', type: 'prod', deploymentConfigId: 'default', sourceEnvironmentId: dev }),
      )
    ).json;
    const devApi = (await ok('CreateServiceAPI', call('POST', `/service/${svc}/service-api`, { description: 'dev api', serviceEnvironmentId: dev, apiVersion: 'v2' }))).json;
    const prodApi = (await ok('CreateServiceAPI', call('POST', `/service/${svc}/service-api`, { description: 'prod api', serviceEnvironmentId: prod }))).json;
    const hosted = (
      await ok(
        'CreateServiceModel',
        call('POST', `/service/${svc}/model`, {
          serviceApiId: devApi,
          name: 'Hosted',
          description: 'hosted model',
          modelType: 'OMNISTRATE_HOSTED',
          features: [{ feature: 'LOGS', configuration: { provider: 'native' } }],
        }),
      )
    ).json;
    const byoa = (await ok('CreateServiceModel', call('POST', `/service/${svc}/model`, { serviceApiId: prodApi, name: 'BYOA', description: '', modelType: 'BYOA' }))).json;
    const tier = (model: string, name: string, tierType: string) =>
      ok('CreateProductTier', call('POST', `/service/${svc}/product-tier`, { serviceModelId: model, name, description: `${name} tier`, planDescription: name, tierType, autoApproveSubscription: true }));
    const devPlan = (await tier(hosted, 'Standard', 'OMNISTRATE_MULTI_TENANCY')).json;
    const prodPlan = (await tier(byoa, 'Enterprise', 'OMNISTRATE_DEDICATED_TENANCY')).json;

    const got = await ok('GetServicePlan', call('GET', `/service/${svc}/product-tier/${devPlan}/service-plan`));
    const dc = (await ok('DescribeDeploymentConfig', call('GET', '/deployment-config/default'))).json;
    expect(got.json).toMatchObject({
      productTierId: devPlan,
      productTierName: 'Standard',
      productTierKey: 'standard',
      productTierPlanDescription: 'Standard',
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      AutoApproveSubscription: true,
      serviceModelId: hosted,
      serviceModelName: 'Hosted',
      serviceModelFeatures: [{ feature: 'LOGS', configuration: { provider: 'native' } }],
      modelType: 'OMNISTRATE_HOSTED',
      serviceApiId: devApi,
      serviceApiDescription: 'dev api',
      apiVersion: 'v2',
      serviceEnvironmentId: dev,
      deploymentConfigId: dc.id,
      hasPendingChanges: false,
      latestMajorVersion: '',
      versionSetStatus: '',
    });

    const devList = await ok('ListServicePlans', call('GET', `/service/${svc}/environment/${dev}/service-plan`));
    expect(devList.json.servicePlans).toEqual([got.json]);
    const prodList = await ok('ListServicePlans', call('GET', `/service/${svc}/environment/${prod}/service-plan`));
    expect(prodList.json.servicePlans).toHaveLength(1);
    expect(prodList.json.servicePlans[0]).toMatchObject({ productTierId: prodPlan, modelType: 'BYOA', serviceApiId: prodApi, apiVersion: 'v1' });

    const described = await ok('DescribeService', call('GET', `/service/${svc}`));
    const plansOf = (envId: string) => described.json.serviceEnvironments.find((e: { id: string }) => e.id === envId).servicePlans;
    expect(plansOf(dev)).toEqual([{ productTierID: devPlan, name: 'Standard', description: 'Standard tier', tierType: 'OMNISTRATE_MULTI_TENANCY', modelType: 'OMNISTRATE_HOSTED' }]);
    expect(plansOf(prod)).toEqual([{ productTierID: prodPlan, name: 'Enterprise', description: 'Enterprise tier', tierType: 'OMNISTRATE_DEDICATED_TENANCY', modelType: 'BYOA' }]);

    // Another org, and another service's path, see nothing.
    expect((await call('GET', `/service/${svc}/product-tier/${devPlan}/service-plan`, undefined, stranger.token)).status).toBe(404);
    expect((await call('GET', `/service/${svc}/environment/${dev}/service-plan`, undefined, stranger.token)).status).toBe(404);
    const other = (await ok('CreateService', call('POST', '/service', { name: 'Plan E2E Other', description: '' }))).json;
    expect((await call('GET', `/service/${other}/product-tier/${devPlan}/service-plan`)).status).toBe(404);
    expect((await call('GET', `/service/${other}/environment/${dev}/service-plan`)).status).toBe(404);

    // Once the tier is gone the plan is too.
    await ok('DeleteProductTier', call('DELETE', `/service/${svc}/product-tier/${devPlan}`));
    expect((await call('GET', `/service/${svc}/product-tier/${devPlan}/service-plan`)).status).toBe(404);
    expect((await ok('ListServicePlans', call('GET', `/service/${svc}/environment/${dev}/service-plan`))).json).toEqual({ servicePlans: [] });
  });
});
