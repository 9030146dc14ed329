/** ListServiceOffering, DescribeServiceOffering, DescribeServiceOfferingResource: what a customer is offered. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listOfferings } from '#functions/service-offering/list-service-offering.ts';
import { operation as describeOffering } from '#functions/service-offering/describe-service-offering.ts';
import { operation as describeOfferingResource } from '#functions/service-offering/describe-service-offering-resource.ts';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { deprecateSet, releaseOk, resourceIn } from '../tier-version-set/fixtures.ts';
import { offeredService, planIn, resourceWithParameters, type Offered } from './fixtures.ts';

let provider: TestSession;
let other: TestSession;
let prodCustomer: TestSession;
let devCustomer: TestSession;
let otherCustomer: TestSession;
let o: Offered;
let gold: string;
let silver: string;
let resourceId: string;

beforeAll(async () => {
  [provider, other] = await Promise.all([testSession('root', 'Provider Inc'), testSession('root', 'Other Provider')]);
  [prodCustomer, devCustomer, otherCustomer] = await Promise.all([testCustomerSession(provider, 'PROD'), testCustomerSession(provider, 'DEV'), testCustomerSession(other, 'PROD')]);
  o = await offeredService(provider.token, provider.orgId);
  const goldPlan = await planIn(o, o.prod, 'Gold', { autoApproveSubscription: true, awsRegions: ['us-east-1'], gcpRegions: ['us-central1'], maxNumberOfInstances: 5 });
  resourceId = await resourceWithParameters(goldPlan, 'MySQL');
  await releaseOk(goldPlan, { isPreferred: true });
  const silverPlan = await planIn(o, o.prod, 'Silver');
  await resourceIn(silverPlan, 'Cache');
  await releaseOk(silverPlan);
  const unreleased = await planIn(o, o.prod, 'Unreleased');
  await resourceIn(unreleased, 'Draft');
  const devPlan = await planIn(o, o.dev, 'Dev Plan');
  await resourceIn(devPlan, 'Sandbox');
  await releaseOk(devPlan);
  const hiddenPlan = await planIn(o, o.hidden, 'Hidden');
  await resourceIn(hiddenPlan, 'Secret');
  await releaseOk(hiddenPlan);
  [gold, silver] = [goldPlan.productTierId, silverPlan.productTierId];
}, 60_000);

const list = (token: string, query: Record<string, string> = {}) => invoke(listOfferings, { token, query });
const ourService = (res: { json: any }) => res.json.services.find((s: { serviceId: string }) => s.serviceId === o.serviceId);

describe('ListServiceOffering', () => {
  it("shows a PROD customer the released plans of PUBLIC PROD environments, every key real, valid against the reference", async () => {
    const res = await list(prodCustomer.token);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListServiceOffering', 200, res.json)).toEqual([]);
    expect(res.json.serviceIds).toEqual([o.serviceId]);
    const svc = ourService(res);
    const described = (await invoke(describeService, { token: provider.token, params: { id: o.serviceId } })).json;
    expect(svc).toMatchObject({ serviceId: o.serviceId, serviceName: described.name, serviceURLKey: described.key, serviceOrgId: provider.orgId, serviceProviderName: 'Provider Inc' });
    expect(svc.serviceProviderId).toMatch(/^sp-/);
    expect(svc.offerings.map((x: { productTierName: string }) => x.productTierName).sort()).toEqual(['Gold', 'Silver']);
    const g = svc.offerings.find((x: { productTierID: string }) => x.productTierID === gold);
    expect(g).toMatchObject({
      AutoApproveSubscription: true,
      productTierURLKey: 'gold',
      productTierVersion: '1.0',
      serviceAPIID: o.prod.api,
      serviceAPIVersion: 'v1',
      serviceEnvironmentID: o.prod.env,
      serviceEnvironmentURLKey: 'production',
      serviceEnvironmentType: 'PROD',
      serviceEnvironmentVisibility: 'PUBLIC',
      serviceModelID: o.prod.model,
      serviceModelURLKey: 'production-hosted',
      serviceModelStatus: 'READY',
      serviceModelType: 'OMNISTRATE_HOSTED',
      awsRegions: ['us-east-1'],
      gcpRegions: ['us-central1'],
      cloudProviders: ['aws', 'gcp'],
      maxNumberOfInstances: 5,
    });
    expect(g.resourceParameters).toEqual([expect.objectContaining({ resourceId, name: 'MySQL', urlKey: 'mySQL', isBackupEnabled: false, isDeprecated: false })]);
    expect(svc.offerings.find((x: { productTierID: string }) => x.productTierID === silver).AutoApproveSubscription).toBe(false);
  });

  it('shows a DEV customer the DEV plans only, and nothing when it asks for another type or PRIVATE', async () => {
    const res = await list(devCustomer.token);
    expect(ourService(res).offerings.map((x: { productTierName: string; serviceEnvironmentType: string }) => [x.productTierName, x.serviceEnvironmentType])).toEqual([['Dev Plan', 'DEV']]);
    expect((await list(devCustomer.token, { environmentType: 'PROD' })).json).toEqual({ serviceIds: [], services: [] });
    expect((await list(prodCustomer.token, { visibility: 'PRIVATE' })).json).toEqual({ serviceIds: [], services: [] });
  });

  it('answers from the released snapshot, and follows Preferred, else the latest Active, never Deprecated', async () => {
    const p = await planIn(o, o.dev, 'Moving');
    await resourceIn(p, 'First');
    await releaseOk(p); // 1.0 Active
    const offered = async () => ourService(await list(devCustomer.token)).offerings.find((x: { productTierID: string }) => x.productTierID === p.productTierId);
    expect((await offered()).productTierVersion).toBe('1.0');
    // Edits after a release do not show until released.
    await invoke(updateTier, { token: provider.token, params: { serviceId: o.serviceId, id: p.productTierId }, body: { name: 'Renamed', autoApproveSubscription: true } });
    await resourceIn(p, 'Second');
    expect(await offered()).toMatchObject({ productTierName: 'Moving', AutoApproveSubscription: false, resourceParameters: [expect.objectContaining({ name: 'First' })] });
    await releaseOk(p, { versionSetType: 'Major' }); // 2.0 Active, newest
    expect(await offered()).toMatchObject({ productTierVersion: '2.0', productTierName: 'Renamed', AutoApproveSubscription: true });
    expect((await offered()).resourceParameters.map((r: { name: string }) => r.name)).toEqual(['First', 'Second']);
    expect((await deprecateSet(p, '2.0')).status).toBe(200);
    expect((await offered()).productTierVersion).toBe('1.0');
    expect((await deprecateSet(p, '1.0')).status).toBe(200);
    expect(await offered()).toBeUndefined();
  });

  it('lets the provider try its own plans: every type by default, one type, or PRIVATE when asked', async () => {
    const all = ourService(await list(provider.token));
    expect(new Set(all.offerings.map((x: { serviceEnvironmentType: string }) => x.serviceEnvironmentType))).toEqual(new Set(['PROD', 'DEV']));
    const prod = ourService(await list(provider.token, { environmentType: 'prod' }));
    expect(new Set(prod.offerings.map((x: { productTierName: string }) => x.productTierName))).toEqual(new Set(['Gold', 'Silver']));
    const hidden = ourService(await list(provider.token, { visibility: 'private' }));
    expect(hidden.offerings.map((x: { productTierName: string }) => x.productTierName)).toEqual(['Hidden']);
  });

  it('shows another provider and its customers none of it', async () => {
    for (const token of [other.token, otherCustomer.token]) {
      const res = await list(token);
      expect(res.status).toBe(200);
      expect(res.json.serviceIds).not.toContain(o.serviceId);
    }
  });

  it('refuses bad input with 400', async () => {
    expect((await list(prodCustomer.token, { environmentType: 'SUMMER' })).status).toBe(400);
    expect((await list(prodCustomer.token, { visibility: 'x'.repeat(300) })).status).toBe(400);
  });
});

describe('DescribeServiceOffering', () => {
  it("answers one service's offerings in the customer's scope, valid against the reference", async () => {
    const res = await invoke(describeOffering, { token: prodCustomer.token, params: { serviceId: o.serviceId } });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribeServiceOffering', 200, res.json)).toEqual([]);
    expect(res.json.offerings.map((x: { productTierName: string }) => x.productTierName).sort()).toEqual(['Gold', 'Silver']);
  });

  it('is 404 for another provider, its customers, and a customer of a type with nothing offered; 400 for a bad id', async () => {
    for (const token of [other.token, otherCustomer.token]) expect((await invoke(describeOffering, { token, params: { serviceId: o.serviceId } })).status).toBe(404);
    const qa = await testCustomerSession(provider, 'QA');
    expect((await invoke(describeOffering, { token: qa.token, params: { serviceId: o.serviceId } })).status).toBe(404);
    expect((await invoke(describeOffering, { token: prodCustomer.token, params: { serviceId: 'a b' } })).status).toBe(400);
  });
});

describe('DescribeServiceOfferingResource', () => {
  const params = (id = resourceId, instanceId = 'none') => ({ serviceId: o.serviceId, resourceId: id, instanceId });

  it('lists CREATE and UPDATE with their input parameters (key, type, required, modifiable, default, options)', async () => {
    const res = await invoke(describeOfferingResource, { token: prodCustomer.token, params: params() });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribeServiceOfferingResource', 200, res.json)).toEqual([]);
    const byVerb = Object.fromEntries(res.json.apis.map((a: { verb: string }) => [a.verb, a]));
    expect(byVerb.CREATE.inputParameters).toEqual([
      expect.objectContaining({ key: 'instanceType', type: 'String', required: true, modifiable: true, defaultValue: 'small', options: ['small', 'large'], displayName: 'Instance type' }),
      expect.objectContaining({ key: 'dbName', required: false, modifiable: false }),
    ]);
    expect(byVerb.UPDATE.inputParameters.map((p: { key: string }) => p.key)).toEqual(['instanceType']);
    expect(byVerb.DESCRIBE.outputParameters.map((p: { key: string }) => p.key)).toEqual(['endpoint']);
  });

  it('is 404 for another provider, a customer of another type, an unknown instance; 400 for a bad id', async () => {
    for (const token of [other.token, otherCustomer.token, devCustomer.token]) expect((await invoke(describeOfferingResource, { token, params: params() })).status).toBe(404);
    expect((await invoke(describeOfferingResource, { token: prodCustomer.token, params: params(resourceId, 'instance-abc') })).status).toBe(404);
    expect((await invoke(describeOfferingResource, { token: prodCustomer.token, params: params('r x') })).status).toBe(400);
  });
});
