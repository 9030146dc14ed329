import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listTiers } from '#functions/product-tier/list-product-tier.ts';
import { operation as deleteTier } from '#functions/product-tier/delete-product-tier.ts';
import { operation as enableFeature } from '#functions/product-tier/enable-product-tier-feature.ts';
import { operation as copyTier } from '#functions/product-tier/copy-product-tier.ts';
import { operation as deleteModel } from '#functions/service-model/delete-service-model.ts';
import { operation as copyModel } from '#functions/service-model/copy-service-model.ts';
import { getItem, queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
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
  t = await serviceTree(root.token, 'Tier Lifecycle');
});

const { newTier, tierId, describeOf, tierItem, resourceOf, removeResource, changeOf } = fixtures(() => root);

describe('CopyProductTier', () => {
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
      body: { serviceModelId: t.byoa, name: 'Copied Plan', description: '', targetTierType: 'OMNISTRATE_DEDICATED_TENANCY', support: 'phone' },
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
    const dup = await invoke(copyTier, { token: root.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: t.byoa, name: 'copied plan', description: '' } });
    expect(dup.status).toBe(409);
    const other = await serviceTree(root.token, 'Tier Copy Other');
    const cross = await invoke(copyTier, { token: root.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: other.hosted, name: 'Cross', description: '' } });
    expect(cross.status).toBe(404);
    const wrongService = await invoke(copyTier, { token: root.token, params: { serviceId: other.svc, sourceId: src }, body: { serviceModelId: other.hosted, name: 'Cross', description: '' } });
    expect(wrongService.status).toBe(404);
    const foreign = await invoke(copyTier, { token: stranger.token, params: { serviceId: t.svc, sourceId: src }, body: { serviceModelId: t.byoa, name: 'Steal', description: '' } });
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
});

describe('DeleteProductTier', () => {
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
    await removeResource(t4, id, res);
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
      const model = await getItem(keys.serviceModel(t6.svc, t6.byoa));
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
});
