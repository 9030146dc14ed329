/**
 * Releases by BuildServiceFromComposeSpec: a first build leaves version 1.0 Preferred (clients create instances
 * with `--version latest` right after), a rebuild releases nothing, a changed spec is pending until built with
 * `releaseAsPreferred` (the next major version becomes Preferred, the old one Active).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { getVersionSet, hasPendingChanges, versionSetPage } from '#shared/data/entities/tier-version-set.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { b64, composeFixture, FILES, runBuild } from './build-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession('root', 'Build Release Org');
});

const versionsOf = async (serviceId: string, productTierId: string) =>
  (await versionSetPage(serviceId, productTierId, 100)).items.map((v) => [v.tierVersion, v.status, v.name]);

describe('BuildServiceFromComposeSpec', () => {
  it('releases 1.0 as Preferred on the first build, nothing on a rebuild, and the changes when asked', async () => {
    const body = { name: 'PG Release', fileContent: b64(composeFixture()), ...FILES };
    const first = await runBuild(root, body);
    expect(first.status, first.body).toBe(200);
    const { serviceID, productTierID } = first.json;
    expect(await versionsOf(serviceID, productTierID)).toEqual([['1.0', 'Preferred', '']]);
    expect(await hasPendingChanges(await getProductTier(root.orgId, serviceID, productTierID))).toBe(false);

    // The same spec, even with release asked: nothing pending, nothing released.
    expect((await runBuild(root, { ...body, releaseAsPreferred: true })).status).toBe(200);
    expect(await versionsOf(serviceID, productTierID)).toEqual([['1.0', 'Preferred', '']]);

    // A change without release stays pending.
    const changed = { ...body, fileContent: b64(composeFixture().replace('postgres:16.3', 'postgres:16.4')) };
    expect((await runBuild(root, changed)).status).toBe(200);
    expect(await hasPendingChanges(await getProductTier(root.orgId, serviceID, productTierID))).toBe(true);
    expect(await versionsOf(serviceID, productTierID)).toHaveLength(1);

    // Built again with releaseAsPreferred: 2.0 Preferred, 1.0 Active.
    const released = await runBuild(root, { ...changed, releaseAsPreferred: true, releaseVersionName: 'pg 16.4' });
    expect(released.status, released.body).toBe(200);
    expect(released.json.productTierID).toBe(productTierID);
    expect((await getVersionSet(root.orgId, serviceID, productTierID, '2.0')).status).toBe('Preferred');
    expect((await getVersionSet(root.orgId, serviceID, productTierID, '2.0')).name).toBe('pg 16.4');
    expect((await getVersionSet(root.orgId, serviceID, productTierID, '1.0')).status).toBe('Active');
    expect(await hasPendingChanges(await getProductTier(root.orgId, serviceID, productTierID))).toBe(false);
  });

  it('a dry run of a first build releases nothing', async () => {
    const res = await runBuild(root, { name: 'PG Release Dry', fileContent: b64(composeFixture()), ...FILES, dryrun: true, releaseAsPreferred: true });
    expect(res.status, res.body).toBe(200);
    expect(res.json.productTierID).toBe('');
  });
});
