/** ListTierVersionSets, DescribeTierVersionSet, DeprecateTierVersionSet, PromoteTierVersionSet, DiffTierVersionSets. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as diffSets } from '#functions/tier-version-set/diff-tier-version-sets.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as deleteTier } from '#functions/product-tier/delete-product-tier.ts';
import { versionKeysOfTier } from '#shared/data/entities/tier-version-set.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { deprecateSet, describeSet, listSets, newPlan, promoteSet, releaseOk, resourceIn, statuses, type Plan } from './fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  [root, other, reader] = await Promise.all([testSession('root'), testSession('root', 'Other Org'), testSession('reader')]);
});

/** 1.0 (Preferred), 2.0, 2.1, 3.0 */
async function fourVersions(): Promise<Plan> {
  const p = await newPlan(root.token, root.orgId);
  await resourceIn(p, 'Writer');
  await releaseOk(p, { isPreferred: true });
  await releaseOk(p, { versionSetType: 'Major' });
  await releaseOk(p, { versionSetType: 'Incremental' });
  await releaseOk(p, { versionSetType: 'Major' });
  return p;
}

describe('ListTierVersionSets', () => {
  it('lists newest first, in signed pages, and filters the latest major / the latest incremental of a major', async () => {
    const p = await fourVersions();
    const all = await listSets(p);
    expect(all.status, all.body).toBe(200);
    expect(all.json.tierVersionSets.map((s: { version: string }) => s.version)).toEqual(['3.0', '2.1', '2.0', '1.0']);
    expect(all.json.nextPageToken).toBeUndefined();
    const first = await listSets(p, { pageSize: '3' });
    expect(first.json.tierVersionSets.map((s: { version: string }) => s.version)).toEqual(['3.0', '2.1', '2.0']);
    const second = await listSets(p, { pageSize: '3', nextPageToken: first.json.nextPageToken });
    expect(second.json.tierVersionSets.map((s: { version: string }) => s.version)).toEqual(['1.0']);
    expect((await listSets(p, { latestMajorVersionOnly: 'true' })).json.tierVersionSets.map((s: { version: string }) => s.version)).toEqual(['3.0']);
    expect((await listSets(p, { latestIncrementalVersionForMajorVersion: '2' })).json.tierVersionSets.map((s: { version: string }) => s.version)).toEqual(['2.1']);
    expect((await listSets(p, { latestIncrementalVersionForMajorVersion: '9.0' })).json.tierVersionSets).toEqual([]);
  });

  it('refuses bad input, a forged token, and other orgs', async () => {
    const p = await fourVersions();
    expect((await listSets(p, { pageSize: '0' })).status).toBe(400);
    expect((await listSets(p, { nextPageToken: 'forged.token' })).status).toBe(400);
    expect((await listSets(p, { latestIncrementalVersionForMajorVersion: 'summer' })).status).toBe(400);
    expect((await listSets(p, { latestMajorVersionOnly: 'true', latestIncrementalVersionForMajorVersion: '2' })).status).toBe(400);
    expect((await listSets(p, {}, other.token)).status).toBe(404);
    expect((await listSets(p, {}, reader.token)).status).toBe(404);
  });
});

describe('DescribeTierVersionSet', () => {
  it('answers 404 Version set not found for an unknown version and for another org', async () => {
    const p = await fourVersions();
    expect((await describeSet(p, '2.1')).json).toMatchObject({ version: '2.1', status: 'Active', parentVersion: '2.0' });
    const missing = await describeSet(p, '4.0');
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain('Version set not found');
    expect((await describeSet(p, '1.0', other.token)).status).toBe(404);
    expect((await describeSet(p, 'a/b')).status).toBe(400);
  });
});

describe('PromoteTierVersionSet', () => {
  it('makes a version Preferred and the previous Preferred Active, and answers the promoted set', async () => {
    const p = await fourVersions();
    const res = await promoteSet(p, '2.1');
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ version: '2.1', status: 'Preferred' });
    expect(await statuses(p)).toEqual({ '1.0': 'Active', '2.0': 'Active', '2.1': 'Preferred', '3.0': 'Active' });
    expect((await promoteSet(p, '2.1')).json.status).toBe('Preferred');
  });

  it('refuses a deprecated version (409), unknown versions and other orgs (404)', async () => {
    const p = await fourVersions();
    await deprecateSet(p, '2.0');
    expect((await promoteSet(p, '2.0')).status).toBe(409);
    expect((await promoteSet(p, '8.0')).status).toBe(404);
    expect((await promoteSet(p, '3.0', other.token)).status).toBe(404);
    expect((await promoteSet(p, '')).status).toBe(400);
  });
});

describe('DeprecateTierVersionSet', () => {
  it('deprecates an Active version, refuses the Preferred one (409), and the latest major shows its status', async () => {
    const p = await fourVersions();
    const preferred = await deprecateSet(p, '1.0');
    expect(preferred.status).toBe(409);
    expect(preferred.json.message).toContain('preferred');
    const res = await deprecateSet(p, '3.0');
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ version: '3.0', status: 'Deprecated' });
    expect((await deprecateSet(p, '3.0')).status).toBe(200);
    expect(await statuses(p)).toEqual({ '1.0': 'Preferred', '2.0': 'Active', '2.1': 'Active', '3.0': 'Deprecated' });
    expect((await deprecateSet(p, '3.0', other.token)).status).toBe(404);
    expect((await deprecateSet(p, '3.0', reader.token)).status).toBe(403);
    expect((await deprecateSet(p, 'x'.repeat(65))).status).toBe(400);
  });
});

describe('DescribeTierVersionSet', () => {
  it('a deleted plan takes its version sets with it', async () => {
    const p = await newPlan(root.token, root.orgId);
    const id = await resourceIn(p, 'Writer');
    await releaseOk(p);
    await releaseOk(p);
    expect((await versionKeysOfTier(p.serviceId, p.productTierId)).length).toBeGreaterThanOrEqual(6);
    expect((await invoke(deleteResource, { token: root.token, params: { serviceId: p.serviceId, id } })).status).toBe(200);
    const del = await invoke(deleteTier, { token: root.token, params: { serviceId: p.serviceId, id: p.productTierId } });
    expect(del.status, del.body).toBe(200);
    expect(await versionKeysOfTier(p.serviceId, p.productTierId)).toEqual([]);
    expect((await describeSet(p, '1.0')).status).toBe(404);
  });
});

describe('DiffTierVersionSets', () => {
  it('compares two snapshots resource by resource', async () => {
    const p = await newPlan(root.token, root.orgId);
    const writer = await resourceIn(p, 'Writer');
    const reader_ = await resourceIn(p, 'Reader');
    const gone = await resourceIn(p, 'Gone');
    await releaseOk(p);
    await invoke(updateResource, { token: root.token, params: { serviceId: p.serviceId, id: writer }, body: { description: 'new text' } });
    expect((await invoke(deleteResource, { token: root.token, params: { serviceId: p.serviceId, id: gone } })).status).toBe(200);
    const added = await resourceIn(p, 'Added');
    await releaseOk(p);
    const diff = (a: string, b: string, token = root.token) =>
      invoke(diffSets, { token, params: { serviceId: p.serviceId, productTierId: p.productTierId, version: a, anotherVersion: b } });
    const res = await diff('1.0', '2.0');
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ serviceId: p.serviceId, productTierId: p.productTierId, version: '1.0', anotherVersion: '2.0' });
    const sets = res.json.resourceChangeSets;
    expect(sets[writer]).toMatchObject({ resourceName: 'Writer', overallResourceStatus: 'PENDING_UPDATE', resourceChanges: 'PENDING_UPDATE' });
    expect(sets[writer].categorizedResourceChanges.resource.changes).toEqual([{ name: 'description', changeType: 'PENDING_UPDATE', attributes: { resourceId: writer } }]);
    expect(sets[reader_]).toMatchObject({ overallResourceStatus: 'ACTIVE' });
    expect(sets[gone]).toMatchObject({ resourceName: 'Gone', overallResourceStatus: 'PENDING_DELETE' });
    expect(sets[added]).toMatchObject({ resourceName: 'Added', overallResourceStatus: 'PENDING_NEW' });
    expect((await diff('1.0', '5.0')).json.message).toContain('Version set not found');
    expect((await diff('1.0', '2.0', other.token)).status).toBe(404);
    expect((await diff('1.0', '#')).status).toBe(400);
  });
});
