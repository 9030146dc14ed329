import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listConfigs } from '#functions/deployment-config/list-deployment-configs.ts';
import { operation as createConfig } from '#functions/deployment-config/create-deployment-config.ts';
import { operation as describeConfig } from '#functions/deployment-config/describe-deployment-config.ts';
import { operation as updateConfig } from '#functions/deployment-config/update-deployment-config.ts';
import { operation as deleteConfig } from '#functions/deployment-config/delete-deployment-config.ts';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as deleteEnvironment } from '#functions/service-environment/delete-service-environment.ts';
import { getItem, queryAll, stamp } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import type { DeploymentConfigItem } from '#shared/data/entities/deployment-config.ts';
import { invoke } from '../../support/invoke.ts';
import { seedItems } from '../../support/seed.ts';
import { testSession, type TestSession } from '../../support/session.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession();
});

const configsOf = (orgId: string) =>
  queryAll<DeploymentConfigItem>(keys.deploymentConfigsOfOrg(orgId));

describe('DescribeDeploymentConfig', () => {
  it('many concurrent first calls create exactly one default, for readers too', async () => {
    const reader = await testSession('reader');
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => invoke(describeConfig, { token: reader.token, params: { id: 'default' } })),
      ...Array.from({ length: 4 }, () => invoke(listConfigs, { token: reader.token })),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const stored = await configsOf(reader.orgId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ isDefault: true, usageCount: 0, name: 'Default' });
    expect(await getItem(keys.defaultDeploymentConfig(reader.orgId))).toMatchObject({
      deploymentConfigId: stored[0].deploymentConfigId,
    });
    expect(new Set(results.slice(0, 4).map((r) => r.json.id))).toEqual(new Set([stored[0].deploymentConfigId]));
  });

  it('the default name is reserved and the default can be renamed but not deleted', async () => {
    const org = await testSession();
    const clash = await invoke(createConfig, { token: org.token, body: { name: 'default', description: '' } });
    expect(clash.status).toBe(409);
    expect((await invoke(updateConfig, { token: org.token, params: { id: 'default' }, body: { description: 'ours' } })).status).toBe(200);
    expect((await invoke(describeConfig, { token: org.token, params: { id: 'default' } })).json.description).toBe('ours');
    expect((await invoke(deleteConfig, { token: org.token, params: { id: 'default' } })).status).toBe(409);
  });
});

describe('CreateDeploymentConfig', () => {
  it('counts the environments using a config in the same writes', async () => {
    const dc = (await invoke(createConfig, { token: root.token, body: { name: 'Counted', description: '' } })).json as string;
    const svc = (await invoke(createService, { token: root.token, body: { name: 'Counter', description: '' } })).json;
    const env = (
      await invoke(createEnvironment, {
        token: root.token,
        params: { serviceId: svc },
        body: { name: 'Dev', description: '', deploymentConfigId: dc },
      })
    ).json;
    const used = await getItem<DeploymentConfigItem>(keys.deploymentConfig(root.orgId, dc));
    expect(used).toMatchObject({ usageCount: 1, version: 2 });
    expect((await invoke(deleteConfig, { token: root.token, params: { id: dc } })).status).toBe(409);
    expect(await getItem(keys.deploymentConfig(root.orgId, dc))).toBeDefined();
    expect((await invoke(deleteEnvironment, { token: root.token, params: { serviceId: svc, id: env } })).status).toBe(200);
    expect(await getItem<DeploymentConfigItem>(keys.deploymentConfig(root.orgId, dc))).toMatchObject({ usageCount: 0 });
    expect((await invoke(deleteConfig, { token: root.token, params: { id: dc } })).status).toBe(200);
    expect(await getItem(keys.deploymentConfigNameGuard(root.orgId, 'counted'))).toBeUndefined();
  });
});

describe('UpdateDeploymentConfig', () => {
  it('an update races no usage change away', async () => {
    const dc = (await invoke(createConfig, { token: root.token, body: { name: 'Raced', description: '' } })).json as string;
    const svc = (await invoke(createService, { token: root.token, body: { name: 'Racer', description: '' } })).json;
    const [update, env] = await Promise.all([
      invoke(updateConfig, { token: root.token, params: { id: dc }, body: { description: 'edited' } }),
      invoke(createEnvironment, {
        token: root.token,
        params: { serviceId: svc },
        body: { name: 'Dev', description: '', deploymentConfigId: dc },
      }),
    ]);
    expect([update.status, env.status]).toEqual([200, 200]);
    expect(await getItem(keys.deploymentConfig(root.orgId, dc))).toMatchObject({ usageCount: 1, description: 'edited' });
  });

  it('rejects unknown ids with 404 and renames onto taken names with 409', async () => {
    expect((await invoke(describeConfig, { token: root.token, params: { id: 'dc-nothere' } })).status).toBe(404);
    expect((await invoke(updateConfig, { token: root.token, params: { id: 'dc-nothere' }, body: {} })).status).toBe(404);
    expect((await invoke(deleteConfig, { token: root.token, params: { id: 'dc-nothere' } })).status).toBe(404);
    const a = (await invoke(createConfig, { token: root.token, body: { name: 'Alpha', description: '' } })).json;
    await invoke(createConfig, { token: root.token, body: { name: 'Beta', description: '' } });
    expect((await invoke(updateConfig, { token: root.token, params: { id: a }, body: { name: 'BETA' } })).status).toBe(409);
  });
});

describe('ListDeploymentConfigs', () => {
  it('pages through every config of the org, the default among them', async () => {
    const org = await testSession();
    await invoke(listConfigs, { token: org.token });
    const seeded = Array.from({ length: 120 }, (_, i) =>
      stamp({
        ...keys.deploymentConfig(org.orgId, `dc-seed${String(i).padStart(4, '0')}`),
        entity: 'deploymentConfig',
        deploymentConfigId: `dc-seed${String(i).padStart(4, '0')}`,
        orgId: org.orgId,
        name: `Seeded ${i}`,
        description: 'x'.repeat(8 * 1024),
        infraRollConfiguration: { infraRolloutStrategy: '', maximumNumberOfResourceInstancesPerBatch: 1, maximumUnavailableReplicas: 1 },
        rolloutPriorityList: [],
        isDefault: false,
        usageCount: 0,
      }),
    );
    await seedItems(seeded);
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await invoke(listConfigs, { token: org.token, query: token ? { nextPageToken: token } : {} });
      expect(res.status).toBe(200);
      ids.push(...res.json.ids);
      token = res.json.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(121);
    expect(ids).toEqual(expect.arrayContaining(seeded.map((d) => d.deploymentConfigId)));
  });
});

describe('DeleteDeploymentConfig', () => {
  it('is refused (409 invalid_state) for the default and for a config in use; removes an unused one with its guard', async () => {
    const org = await testSession();
    const dflt = await invoke(deleteConfig, { token: org.token, params: { id: 'default' } });
    expect(dflt.status).toBe(409);
    expect(dflt.json.name).toBe('invalid_state');
    const dc = (await invoke(createConfig, { token: org.token, body: { name: 'Unused', description: '' } })).json as string;
    expect((await invoke(deleteConfig, { token: org.token, params: { id: dc } })).status).toBe(200);
    expect(await getItem(keys.deploymentConfigNameGuard(org.orgId, 'unused'))).toBeUndefined();
    expect((await invoke(describeConfig, { token: org.token, params: { id: dc } })).status).toBe(404);
  });
});
