import { beforeAll, describe, expect, it } from 'vitest';
import { operation as describeModel } from '#functions/service-model/describe-service-model.ts';
import { operation as enableFeature } from '#functions/service-model/enable-service-model-feature.ts';
import { operation as copyModel } from '#functions/service-model/copy-service-model.ts';
import { getItem, queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { fixtures, type Item } from './fixtures.ts';

let root: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [root, stranger] = await Promise.all([testSession(), testSession()]);
});

const { newTree, modelId, tierFixture, tiersOf } = fixtures(() => root);

describe('CopyServiceModel', () => {
  it('copy makes a model of the target type with copies of its tiers, in one transaction', async () => {
    const t = await newTree('Model Copy');
    const source = await modelId(t, 'Hosted');
    await invoke(enableFeature, { token: root.token, params: { serviceId: t.svc, id: source }, body: { feature: 'LOGS', configuration: { a: 1 } } });
    const basic = await tierFixture(t, source, 'Basic');
    const premium = await tierFixture(t, source, 'Premium', { tierType: 'OMNISTRATE_DEDICATED_TENANCY' });
    const svcBefore = (await getItem<Item>(keys.service(t.svc)))!.version;
    const res = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'BYOA copy', description: 'copied', targetServiceModelType: 'byoa' },
    });
    expect(res.status).toBe(200);
    const copy = res.json as string;
    expect(copy).toMatch(/^sm-/);
    expect(copy).not.toBe(source);
    const d = await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id: copy } });
    expect(d.json).toMatchObject({
      name: 'BYOA copy',
      key: 'byoa-copy',
      description: 'copied',
      modelType: 'BYOA',
      serviceApiId: t.api,
      features: [{ feature: 'LOGS', configuration: { a: 1 } }],
    });
    expect(d.json.productTiers).toHaveLength(2);
    const copies = await tiersOf(t.svc, copy);
    expect(copies.map((c) => c.name).sort()).toEqual(['Basic', 'Premium']);
    for (const c of copies) {
      expect([basic, premium]).not.toContain(c.productTierId);
      expect(c).toMatchObject({
        entity: 'productTier',
        orgId: root.orgId,
        serviceId: t.svc,
        serviceModelId: copy,
        serviceApiId: t.api,
        environmentId: t.env,
        modelType: 'BYOA',
        pricing: { unit: 'hour', price: 2 },
        maxNumberOfInstances: 5,
        version: 1,
      });
      expect(await getItem(keys.tierKeyGuard(t.svc, copy, c.key))).toMatchObject({ productTierId: c.productTierId });
    }
    expect(copies.find((c) => c.name === 'Premium')!.tierType).toBe('OMNISTRATE_DEDICATED_TENANCY');
    // The source keeps its tiers unchanged.
    const originals = await tiersOf(t.svc, source);
    expect(originals.map((o) => o.productTierId).sort()).toEqual([basic, premium].sort());
    expect(originals.every((o) => o.modelType === 'OMNISTRATE_HOSTED')).toBe(true);
    expect((await getItem<Item>(keys.service(t.svc)))!.version).toBe(svcBefore + 1);

    // A target tier type applies to every copy; explicit features replace the source's.
    const custom = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'Customer copy', description: '', targetServiceModelType: 'CUSTOMER_HOSTED', targetTierType: 'custom', features: [] },
    });
    expect(custom.status).toBe(200);
    expect((await tiersOf(t.svc, custom.json)).map((c) => c.tierType)).toEqual(['CUSTOM', 'CUSTOM']);
    expect((await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id: custom.json } })).json.features).toEqual([]);

    // The copy's name must not take a key already used in the API.
    const clash = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'Hosted', description: '', targetServiceModelType: 'BYOA' },
    });
    expect(clash.status).toBe(409);
    const badType = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'Z', description: '', targetServiceModelType: 'hosted' },
    });
    expect(badType.status).toBe(400);
    expect(badType.json.message).toContain('body.targetServiceModelType');
    const foreign = await invoke(copyModel, {
      token: stranger.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'Z', description: '', targetServiceModelType: 'BYOA' },
    });
    expect(foreign.status).toBe(404);
  });

  it('copy is refused (409), writing nothing, when the tiers would not fit one transaction', async () => {
    const t = await newTree('Model Copy Large');
    const source = await modelId(t, 'Large');
    for (let i = 0; i < 48; i++) await tierFixture(t, source, `Tier ${i}`);
    const before = (await queryAll(keys.servicePartition(t.svc))).length;
    const res = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'Too big', description: '', targetServiceModelType: 'BYOA' },
    });
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('too many product tiers');
    expect((await queryAll(keys.servicePartition(t.svc))).length).toBe(before);
  });
  it('the copy counts its tiers and its API counts it; the source keeps its own count', async () => {
    const t = await newTree('Model Copy Counts');
    const source = await modelId(t, 'Counted');
    await tierFixture(t, source, 'One');
    await tierFixture(t, source, 'Two');
    const res = await invoke(copyModel, {
      token: root.token,
      params: { serviceId: t.svc, sourceId: source },
      body: { name: 'Counted copy', description: '', targetServiceModelType: 'BYOA' },
    });
    expect(res.status).toBe(200);
    expect(await getItem(keys.serviceModel(t.svc, res.json))).toMatchObject({ productTierCount: 2 });
    expect(await getItem(keys.serviceModel(t.svc, source))).toMatchObject({ productTierCount: 2 });
    expect(await getItem(keys.serviceApi(t.svc, t.api))).toMatchObject({ serviceModelCount: 2 });
  });
});
