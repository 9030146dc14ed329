import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as describeEnvironment } from '#functions/service-environment/describe-service-environment.ts';
import { operation as listEnvironments } from '#functions/service-environment/list-service-environment.ts';
import { operation as updateEnvironment } from '#functions/service-environment/update-service-environment.ts';
import { operation as deleteEnvironment } from '#functions/service-environment/delete-service-environment.ts';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { operation as createConfig } from '#functions/deployment-config/create-deployment-config.ts';
import { operation as createServiceAPI } from '#functions/service-api/create-service-api.ts';
import { db, tableName } from '#shared/data/client.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession();
});

async function newService(name: string): Promise<string> {
  return (await invoke(createService, { token: root.token, body: { name, description: '' } })).json;
}

async function newEnv(serviceId: string, body: Record<string, unknown>) {
  return invoke(createEnvironment, {
    token: root.token,
    params: { serviceId },
    body: { description: '', deploymentConfigId: 'default', ...body },
  });
}

async function put(item: Record<string, unknown>) {
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
}

describe('CreateServiceEnvironment', () => {
  it('create stores the environment, its guards, a usage on its config and touches the service', async () => {
    const svc = await newService('Env Store');
    const before = await getItem<{ version: number }>(keys.service(svc));
    const res = await newEnv(svc, { name: 'QA Env', type: 'qa', autoApproveSubscription: true });
    expect(res.status).toBe(200);
    const id = res.json as string;
    const item = await getItem<Record<string, unknown>>(keys.environment(svc, id));
    expect(item).toMatchObject({
      entity: 'environment',
      environmentId: id,
      serviceId: svc,
      orgId: root.orgId,
      name: 'QA Env',
      key: 'qa-env',
      type: 'QA',
      visibility: 'PRIVATE',
      sourceEnvironmentId: '',
      serviceAuthPublicKey: '',
      autoApproveSubscription: true,
    });
    expect(await getItem(keys.environmentNameGuard(svc, 'qa env'))).toBeDefined();
    expect(await getItem(keys.environmentKeyGuard(svc, 'qa-env'))).toMatchObject({ environmentId: id });
    expect((await getItem<{ version: number }>(keys.service(svc)))!.version).toBe(before!.version + 1);
    const dc = await getItem<{ usageCount: number }>(keys.deploymentConfig(root.orgId, String(item!.deploymentConfigId)));
    expect(dc!.usageCount).toBe(1);
  });

  it('concurrent creates of different environments all succeed and every count adds up', async () => {
    const svc = await newService('Env Burst');
    const dc = (await invoke(createConfig, { token: root.token, body: { name: 'Burst dc', description: '' } })).json as string;
    const before = (await getItem<{ version: number }>(keys.service(svc)))!.version;
    const results = await Promise.all(
      ['One', 'Two', 'Three', 'Four', 'Five'].map((name) => newEnv(svc, { name, deploymentConfigId: dc })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await getItem<{ version: number }>(keys.service(svc)))!.version).toBe(before + 5);
    expect(await getItem(keys.deploymentConfig(root.orgId, dc))).toMatchObject({ usageCount: 5 });
  });

  it('derives distinct keys for names that collide after derivation', async () => {
    const svc = await newService('Env Keys');
    const a = (await newEnv(svc, { name: 'Pre Prod' })).json;
    const b = (await newEnv(svc, { name: 'pre-prod!' })).json;
    const keysOf = await Promise.all(
      [a, b].map(async (id) => (await invoke(describeEnvironment, { token: root.token, params: { serviceId: svc, id } })).json.key),
    );
    expect(keysOf).toEqual(['pre-prod', 'pre-prod-2']);
  });

  it("a concurrent delete of a source and create pointing at it never both succeed", async () => {
    const svc = await newService('Env Delete Race');
    const dev = (await newEnv(svc, { name: 'Dev' })).json;
    const [del, create] = await Promise.all([
      invoke(deleteEnvironment, { token: root.token, params: { serviceId: svc, id: dev } }),
      newEnv(svc, { name: 'Prod', type: 'PROD', sourceEnvironmentId: dev }),
    ]);
    expect([del.status, create.status]).not.toEqual([200, 200]);
    expect(Math.max(del.status, create.status)).toBeLessThan(500);
    if (create.status === 200) {
      const prod = await getItem<{ sourceEnvironmentId: string }>(keys.environment(svc, create.json));
      expect(await getItem(keys.environment(svc, prod!.sourceEnvironmentId))).toBeDefined();
    }
  });
});

describe('DescribeServiceEnvironment', () => {
  it('an unknown service is a 404 on every operation', async () => {
    const params = { serviceId: 's-nosuchthing', id: 'se-nosuchthing' };
    expect((await newEnv(params.serviceId, { name: 'x' })).status).toBe(404);
    expect((await invoke(listEnvironments, { token: root.token, params })).status).toBe(404);
    expect((await invoke(describeEnvironment, { token: root.token, params })).status).toBe(404);
    expect((await invoke(updateEnvironment, { token: root.token, params, body: {} })).status).toBe(404);
    expect((await invoke(deleteEnvironment, { token: root.token, params })).status).toBe(404);
  });
});

describe('ListServiceEnvironment', () => {
  it('lists a page at a time', async () => {
    const svc = await newService('Env Pages');
    const ids = [];
    for (const name of ['A', 'B', 'C']) ids.push((await newEnv(svc, { name })).json);
    const first = await invoke(listEnvironments, { token: root.token, params: { serviceId: svc }, query: { pageSize: '2' } });
    expect(first.json.ids).toHaveLength(2);
    const rest = await invoke(listEnvironments, {
      token: root.token,
      params: { serviceId: svc },
      query: { pageSize: '2', nextPageToken: first.json.nextPageToken },
    });
    expect([...first.json.ids, ...rest.json.ids].sort()).toEqual([...ids].sort());
  });
});

describe('UpdateServiceEnvironment', () => {
  it('moving to another deployment config moves the usage', async () => {
    const svc = await newService('Env Move');
    const dc = (await invoke(createConfig, { token: root.token, body: { name: 'Move target', description: '' } })).json as string;
    const env = (await newEnv(svc, { name: 'Dev' })).json;
    const defaultId = (await getItem<{ deploymentConfigId: string }>(keys.defaultDeploymentConfig(root.orgId)))!.deploymentConfigId;
    const usage = async (id: string) => (await getItem<{ usageCount: number }>(keys.deploymentConfig(root.orgId, id)))!.usageCount;
    const defaultBefore = await usage(defaultId);
    const res = await invoke(updateEnvironment, { token: root.token, params: { serviceId: svc, id: env }, body: { deploymentConfigId: dc } });
    expect(res.status).toBe(200);
    expect(await usage(dc)).toBe(1);
    expect(await usage(defaultId)).toBe(defaultBefore - 1);
    const missing = await invoke(updateEnvironment, {
      token: root.token,
      params: { serviceId: svc, id: env },
      body: { deploymentConfigId: 'dc-missing' },
    });
    expect(missing.status).toBe(404);
    expect(await usage(dc)).toBe(1);
  });
});

describe('DeleteServiceEnvironment', () => {
  it('delete is refused (409) while a service API lives under the environment', async () => {
    const svc = await newService('Env With API');
    const env = (await newEnv(svc, { name: 'Dev' })).json;
    const api = await invoke(createServiceAPI, { token: root.token, params: { serviceId: svc }, body: { description: 'API', serviceEnvironmentId: env } });
    expect(api.status, api.body).toBe(200);
    const res = await invoke(deleteEnvironment, { token: root.token, params: { serviceId: svc, id: env } });
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('service API');
    expect(await getItem(keys.environment(svc, env))).toBeDefined();
  });
});

describe('DescribeService', () => {
  it("the service describe shows an environment's plans with their model type", async () => {
    const svc = await newService('Env Plans');
    const env = (await newEnv(svc, { name: 'Dev' })).json;
    const common = { orgId: root.orgId, serviceId: svc, environmentId: env, version: 1 };
    await put({ ...keys.serviceModel(svc, 'sm-test000001'), ...common, entity: 'serviceModel', serviceModelId: 'sm-test000001', modelType: 'CUSTOMER_HOSTED' });
    await put({
      ...keys.productTier(svc, 'pt-test000001'),
      ...common,
      entity: 'productTier',
      productTierId: 'pt-test000001',
      serviceModelId: 'sm-test000001',
      name: 'Basic',
      description: 'basic plan',
      tierType: 'OMNISTRATE_MULTI_TENANCY',
      createdAt: new Date().toISOString(),
    });
    const d = await invoke(describeService, { token: root.token, params: { id: svc } });
    expect(d.json.serviceEnvironments[0].servicePlans).toEqual([
      { productTierID: 'pt-test000001', name: 'Basic', description: 'basic plan', tierType: 'OMNISTRATE_MULTI_TENANCY', modelType: 'CUSTOMER_HOSTED' },
    ]);
  });
});
