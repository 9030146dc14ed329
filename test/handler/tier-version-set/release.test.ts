/** The release operations: ReleaseServiceAPI, CreateTierVersionSet, ReleaseTierVersionSet, ReleaseServiceModelStatus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as getServicePlan } from '#functions/service-plan/get-service-plan.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { operation as enableTierFeature } from '#functions/product-tier/enable-product-tier-feature.ts';
import { operation as releaseModelStatus } from '#functions/service-model/release-service-model-status.ts';
import { operation as releaseServiceApi } from '#functions/service-api/release-service-api.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { modelUnder } from '../../support/tree-fixtures.ts';
import { createSet, describeSet, listSets, newPlan, release, releaseOk, releaseSet, resourceIn, statuses, type Plan } from './fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  [root, other, reader] = await Promise.all([testSession('root'), testSession('root', 'Other Org'), testSession('reader')]);
});

const plan = (p: Plan) => invoke(getServicePlan, { token: p.token, params: { serviceId: p.serviceId, productTierId: p.productTierId } });

describe('ReleaseServiceAPI', () => {
  it('releases 1.0 with every field, clears hasPendingChanges until the next change, and shows on the service plan', async () => {
    const p = await newPlan(root.token, root.orgId);
    const writer = await resourceIn(p, 'Writer');
    expect((await plan(p)).json).toMatchObject({ hasPendingChanges: true, latestMajorVersion: '', versionSetStatus: '' });
    await releaseOk(p, { versionSetName: 'first release' });
    const set = await describeSet(p, '1.0');
    expect(set.status, set.body).toBe(200);
    expect(set.json).toEqual({
      serviceId: p.serviceId,
      productTierId: p.productTierId,
      serviceModelId: p.serviceModelId,
      version: '1.0',
      name: 'first release',
      description: '',
      type: 'Major',
      status: 'Active',
      baseVersion: '1.0',
      parentVersion: '',
      autoApproveSubscription: false,
      features: {},
      enabledFeatures: [],
      resources: [{ id: writer, name: 'Writer', description: 'Writer resource', isExternal: false }],
      instanceCount: 0,
      createdAt: expect.any(String),
      createdBy: root.email,
      updatedAt: expect.any(String),
      releasedAt: expect.any(String),
      releasedBy: root.email,
    });
    expect((await plan(p)).json).toMatchObject({ hasPendingChanges: false, latestMajorVersion: '1.0', versionSetStatus: 'Active' });
    const upd = await invoke(updateResource, { token: root.token, params: { serviceId: p.serviceId, id: writer }, body: { description: 'changed' } });
    expect(upd.status, upd.body).toBe(200);
    expect((await plan(p)).json.hasPendingChanges).toBe(true);
  });

  it('counts edits of the plan itself (settings, features) as pending changes, and an edit that changes nothing as none', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    await releaseOk(p);
    const tierPath = { serviceId: p.serviceId, id: p.productTierId };
    const before = await getItem<{ version: number }>(keys.productTier(p.serviceId, p.productTierId));
    const same = await invoke(updateTier, { token: root.token, params: tierPath, body: { description: 'a plan' } });
    expect(same.status, same.body).toBe(200);
    expect((await getItem<{ version: number }>(keys.productTier(p.serviceId, p.productTierId)))?.version).toBe(before?.version);
    expect((await plan(p)).json.hasPendingChanges).toBe(false);

    const upd = await invoke(updateTier, { token: root.token, params: tierPath, body: { description: 'a better plan' } });
    expect(upd.status, upd.body).toBe(200);
    expect((await plan(p)).json.hasPendingChanges).toBe(true);
    await releaseOk(p);
    expect((await plan(p)).json.hasPendingChanges).toBe(false);

    const feature = await invoke(enableTierFeature, { token: root.token, params: tierPath, body: { feature: 'CUSTOM_NETWORKS', configuration: {} } });
    expect(feature.status, feature.body).toBe(200);
    expect((await plan(p)).json.hasPendingChanges).toBe(true);
  });

  it('numbers Major and Incremental releases, and a preferred release demotes the previous Preferred to Active', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    await releaseOk(p, { isPreferred: true });
    await releaseOk(p, { versionSetType: 'Major' });
    expect(await statuses(p)).toEqual({ '1.0': 'Preferred', '2.0': 'Active' });
    await releaseOk(p, { versionSetType: 'incremental', isPreferred: true });
    expect(await statuses(p)).toEqual({ '1.0': 'Active', '2.0': 'Active', '2.1': 'Preferred' });
    expect((await describeSet(p, '2.1')).json).toMatchObject({ baseVersion: '2.0', parentVersion: '2.0', type: 'Incremental' });
    expect((await plan(p)).json).toMatchObject({ latestMajorVersion: '2.0', versionSetStatus: 'Active' });
    await releaseOk(p, { versionSetType: 'UserDefined', versionSetName: 'summer-edition' });
    expect((await describeSet(p, 'summer-edition')).json).toMatchObject({ status: 'Active', type: 'UserDefined', baseVersion: 'summer-edition' });
    const again = await release(p, { versionSetType: 'UserDefined', versionSetName: 'summer-edition' });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain('version set summer-edition already exists');
  });

  it('dryRun writes nothing', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    await releaseOk(p, { dryRun: true, isPreferred: true });
    expect((await listSets(p)).json.tierVersionSets).toEqual([]);
    expect((await plan(p)).json).toMatchObject({ hasPendingChanges: true, latestMajorVersion: '' });
    expect((await getItem<Record<string, unknown>>(keys.productTier(p.serviceId, p.productTierId)))?.release).toBeUndefined();
  });

  it('without productTierId releases every plan of the API that has pending changes', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    const res = await invoke(releaseServiceApi, { token: root.token, params: { serviceId: p.serviceId, id: p.serviceApiId }, body: {} });
    expect(res.status, res.body).toBe(200);
    expect(await statuses(p)).toEqual({ '1.0': 'Active' });
    // Nothing changed since: a second call releases nothing.
    expect((await invoke(releaseServiceApi, { token: root.token, params: { serviceId: p.serviceId, id: p.serviceApiId }, body: {} })).status).toBe(200);
    expect(await statuses(p)).toEqual({ '1.0': 'Active' });
  });

  it("answers 404 for another org's API or plan, and for a plan of another API", async () => {
    const p = await newPlan(root.token, root.orgId);
    expect((await release(p, {}, other.token)).status).toBe(404);
    const mine = await newPlan(root.token, root.orgId, 'Second');
    const cross = await invoke(releaseServiceApi, { token: root.token, params: { serviceId: p.serviceId, id: p.serviceApiId }, body: { productTierId: mine.productTierId } });
    expect(cross.status).toBe(404);
    expect((await listSets(p)).json.tierVersionSets).toEqual([]);
  });

  it('refuses bad input and readers', async () => {
    const p = await newPlan(root.token, root.orgId);
    const bad = await release(p, { versionSetType: 'Minor' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('versionSetType');
    const noName = await release(p, { versionSetType: 'UserDefined' });
    expect(noName.status).toBe(400);
    expect(noName.json.message).toContain('body.name is required');
    expect((await release(p, { versionSetType: 'UserDefined', versionSetName: '3.0' })).status).toBe(400);
    expect((await release(p, {}, reader.token)).status).toBe(403);
  });
});

describe('CreateTierVersionSet', () => {
  it('cuts a Pending version set that changes no status and leaves the changes pending', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    await releaseOk(p, { isPreferred: true });
    const res = await createSet(p, { type: 'Major', name: 'next', description: 'the next one' });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toEqual({ version: '2.0' });
    expect((await describeSet(p, '2.0')).json).toMatchObject({ status: 'Pending', name: 'next', description: 'the next one', releasedAt: '', releasedBy: '' });
    expect(await statuses(p)).toEqual({ '1.0': 'Preferred', '2.0': 'Pending' });
    const inc = await createSet(p, { type: 'Incremental', parentVersion: '1.0' });
    expect(inc.json).toEqual({ version: '1.1' });
  });

  it('refuses bad input (400), an unknown parent (404) and other orgs (404)', async () => {
    const p = await newPlan(root.token, root.orgId);
    expect((await createSet(p, {})).status).toBe(400);
    expect((await createSet(p, { type: 'Sideways' })).status).toBe(400);
    const parent = await createSet(p, { type: 'Incremental', parentVersion: '7.0' });
    expect(parent.status).toBe(404);
    expect(parent.json.message).toContain('Version set not found');
    expect((await createSet(p, { type: 'Major' }, other.token)).status).toBe(404);
  });
});

describe('ReleaseTierVersionSet', () => {
  it('releases a Pending set (Preferred when asked) and takes up the changes it snapshot', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    await releaseOk(p, { isPreferred: true });
    await resourceIn(p, 'Reader');
    const { json } = await createSet(p, { type: 'Incremental' });
    expect((await plan(p)).json.hasPendingChanges).toBe(true);
    const res = await releaseSet(p, json.version, { isPreferred: true, name: 'with reader' });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ version: '1.1', status: 'Preferred', name: 'with reader', releasedBy: root.email });
    expect(res.json.releasedAt).not.toBe('');
    expect(await statuses(p)).toEqual({ '1.0': 'Active', '1.1': 'Preferred' });
    expect((await plan(p)).json.hasPendingChanges).toBe(false);
    // Releasing a released set again answers it as it is.
    expect((await releaseSet(p, '1.1')).json.status).toBe('Preferred');
  });

  it('answers 404 Version set not found for an unknown version or another org, 400 for a bad version', async () => {
    const p = await newPlan(root.token, root.orgId);
    const missing = await releaseSet(p, '9.9');
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain('Version set not found');
    await resourceIn(p, 'Writer');
    await releaseOk(p);
    expect((await releaseSet(p, '1.0', {}, other.token)).status).toBe(404);
    expect((await releaseSet(p, 'bad version!')).status).toBe(400);
    expect((await releaseSet(p, '1.0', { isPreferred: 'yes' })).status).toBe(400);
  });
});

describe('ReleaseServiceModelStatus', () => {
  it('is NOT_CONFIGURED without plans, PENDING before a release and after a change, READY after the release', async () => {
    const p = await newPlan(root.token, root.orgId);
    const empty = await modelUnder(root.token, p.serviceId, p.serviceApiId, 'Empty', 'BYOA');
    const status = (model: string, token = root.token) => invoke(releaseModelStatus, { token, params: { serviceId: p.serviceId, id: model } });
    expect((await status(empty)).json).toEqual({ status: 'NOT_CONFIGURED' });
    const writer = await resourceIn(p, 'Writer');
    expect((await status(p.serviceModelId)).json).toEqual({ status: 'PENDING' });
    await releaseOk(p);
    expect((await status(p.serviceModelId)).json).toEqual({ status: 'READY' });
    await invoke(updateResource, { token: root.token, params: { serviceId: p.serviceId, id: writer }, body: { description: 'x' } });
    expect((await status(p.serviceModelId)).json).toEqual({ status: 'PENDING' });
    expect((await status(p.serviceModelId, other.token)).status).toBe(404);
    expect((await status('not an id!')).status).toBe(400);
  });
});
