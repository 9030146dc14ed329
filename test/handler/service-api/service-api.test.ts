import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createApi } from '#functions/service-api/create-service-api.ts';
import { operation as describeApi } from '#functions/service-api/describe-service-api.ts';
import { operation as listApis } from '#functions/service-api/list-service-api.ts';
import { operation as updateApi } from '#functions/service-api/update-service-api.ts';
import { operation as deleteApi } from '#functions/service-api/delete-service-api.ts';
import { operation as deprecateApi } from '#functions/service-api/deprecate-service-api.ts';
import { operation as createModel } from '#functions/service-model/create-service-model.ts';
import { operation as deleteModel } from '#functions/service-model/delete-service-model.ts';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as deleteService } from '#functions/service/delete-service.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as deleteEnvironment } from '#functions/service-environment/delete-service-environment.ts';
import { getItem, queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';

let root: TestSession;
let stranger: TestSession;
let reader: TestSession;

beforeAll(async () => {
  [root, stranger] = await Promise.all([testSession(), testSession()]);
  reader = await testSession('reader');
});

async function newService(name: string): Promise<string> {
  const res = await invoke(createService, { token: root.token, body: { name, description: '' } });
  expect(res.status).toBe(200);
  return res.json;
}

async function newEnv(serviceId: string, name: string, type = 'DEV'): Promise<string> {
  const res = await invoke(createEnvironment, {
    token: root.token,
    params: { serviceId },
    body: { name, description: '', type, deploymentConfigId: 'default' },
  });
  expect(res.status).toBe(200);
  return res.json;
}

function newApi(serviceId: string, body: Record<string, unknown>, token = root.token) {
  return invoke(createApi, { token, params: { serviceId }, body: { description: 'API', ...body } });
}

describe('CreateServiceAPI', () => {
  it('create stores the API with its environment guard and touches the service and the environment', async () => {
    const svc = await newService('Api Store');
    const env = await newEnv(svc, 'Dev');
    const [svcBefore, envBefore] = await Promise.all([
      getItem<{ version: number }>(keys.service(svc)),
      getItem<{ version: number }>(keys.environment(svc, env)),
    ]);
    const res = await newApi(svc, { serviceEnvironmentId: `"${env}"`, apiVersion: 'v2' });
    expect(res.status).toBe(200);
    expect(res.json).toMatch(/^sa-[A-Za-z0-9]{10}$/);
    const item = await getItem<Record<string, unknown>>(keys.serviceApi(svc, res.json));
    expect(item).toMatchObject({
      entity: 'serviceApi',
      orgId: root.orgId,
      serviceId: svc,
      serviceApiId: res.json,
      environmentId: env,
      apiVersion: 'v2',
      description: 'API',
      deprecated: false,
      version: 1,
    });
    expect(await getItem(keys.serviceApiOfEnvironmentGuard(svc, env))).toMatchObject({ serviceApiId: res.json });
    expect((await getItem<{ version: number }>(keys.service(svc)))!.version).toBe(svcBefore!.version + 1);
    expect((await getItem<{ version: number }>(keys.environment(svc, env)))!.version).toBe(envBefore!.version + 1);
    // The environment cannot go while it has its API.
    const envDelete = await invoke(deleteEnvironment, { token: root.token, params: { serviceId: svc, id: env } });
    expect(envDelete.status).toBe(409);
  });

  it('one API per environment, also when two creates race', async () => {
    const svc = await newService('Api Unique');
    const [a, b] = await Promise.all([newEnv(svc, 'A'), newEnv(svc, 'B')]);
    expect((await newApi(svc, { serviceEnvironmentId: a })).status).toBe(200);
    const second = await newApi(svc, { serviceEnvironmentId: a });
    expect(second.status).toBe(409);
    expect(second.json.message).toContain('already has a service API');
    const race = await Promise.all([newApi(svc, { serviceEnvironmentId: b }), newApi(svc, { serviceEnvironmentId: b })]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const apis = await queryAll<{ environmentId: string }>(keys.serviceApisOfService(svc));
    expect(apis.filter((x) => x.environmentId === b)).toHaveLength(1);
  });

  it('validates the body: apiVersion format, required fields, unknown environment', async () => {
    const svc = await newService('Api Validation');
    const env = await newEnv(svc, 'Dev');
    const badVersion = await newApi(svc, { serviceEnvironmentId: env, apiVersion: '1.0' });
    expect(badVersion.status).toBe(400);
    expect(badVersion.json.message).toContain('body.apiVersion');
    const noEnv = await invoke(createApi, { token: root.token, params: { serviceId: svc }, body: { description: '' } });
    expect(noEnv.status).toBe(400);
    expect(noEnv.json.message).toContain('body.serviceEnvironmentId');
    const missing = await newApi(svc, { serviceEnvironmentId: 'se-nothere0000' });
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain('not found');
    const unknownService = await newApi('s-nothere0000', { serviceEnvironmentId: env });
    expect(unknownService.status).toBe(404);
    const asReader = await newApi(svc, { serviceEnvironmentId: env }, reader.token);
    expect(asReader.status).toBe(403);
    // Defaults: v1, ignores unknown fields.
    const ok = await newApi(svc, { serviceEnvironmentId: env, surprise: true });
    expect(ok.status).toBe(200);
    expect((await invoke(describeApi, { token: root.token, params: { serviceId: svc, id: ok.json } })).json.apiVersion).toBe('v1');
  });

});

describe('DescribeServiceAPI', () => {
  it('describe joins the service name and the deployment config', async () => {
    const svc = await newService('Api Describe');
    const env = await newEnv(svc, 'Prod', 'PROD');
    const envItem = await getItem<{ deploymentConfigId: string }>(keys.environment(svc, env));
    const id = (await newApi(svc, { serviceEnvironmentId: env, description: 'first' })).json;
    const d = await invoke(describeApi, { token: root.token, params: { serviceId: svc, id } });
    expect(d.status).toBe(200);
    expect(d.json).toEqual({
      id,
      serviceId: svc,
      serviceName: 'Api Describe',
      serviceEnvironmentId: env,
      deploymentConfigId: envItem!.deploymentConfigId,
      apiVersion: 'v1',
      description: 'first',
      deprecated: false,
    });
  });
});

describe('ListServiceAPI', () => {
  it("lists the environment's API (one GetItem of its guard), and none for an environment without", async () => {
    const svc = await newService('Api List');
    const env = await newEnv(svc, 'Prod', 'PROD');
    const id = (await newApi(svc, { serviceEnvironmentId: env, description: 'first' })).json;
    const list = await invoke(listApis, { token: root.token, params: { serviceId: svc, serviceEnvironmentId: env } });
    expect(list.json).toEqual({ ids: [id] });
    const other = await newEnv(svc, 'Empty');
    expect((await invoke(listApis, { token: root.token, params: { serviceId: svc, serviceEnvironmentId: other } })).json).toEqual({ ids: [] });
  });
});

describe('UpdateServiceAPI', () => {
  it('changes the description; a bad version is 400', async () => {
    const svc = await newService('Api Update');
    const env = await newEnv(svc, 'Dev');
    const id = (await newApi(svc, { serviceEnvironmentId: env, description: 'first' })).json;
    const upd = await invoke(updateApi, { token: root.token, params: { serviceId: svc, id }, body: { description: 'second' } });
    expect(upd.status).toBe(200);
    expect(upd.body).toBe('');
    expect(upd.headers['content-length']).toBe('0');
    const badUpd = await invoke(updateApi, { token: root.token, params: { serviceId: svc, id }, body: { apiVersion: 'one' } });
    expect(badUpd.status).toBe(400);
    expect((await invoke(describeApi, { token: root.token, params: { serviceId: svc, id } })).json).toMatchObject({ description: 'second' });
  });
});

describe('DeprecateServiceAPI', () => {
  it('deprecates (twice is fine); a deprecated API takes no new model', async () => {
    const svc = await newService('Api Deprecate');
    const env = await newEnv(svc, 'Dev');
    const id = (await newApi(svc, { serviceEnvironmentId: env, description: 'second' })).json;
    const dep = await invoke(deprecateApi, { token: root.token, params: { serviceId: svc, id } });
    expect(dep.status).toBe(200);
    expect((await invoke(deprecateApi, { token: root.token, params: { serviceId: svc, id } })).status).toBe(200);
    const after = await invoke(describeApi, { token: root.token, params: { serviceId: svc, id } });
    expect(after.json).toMatchObject({ description: 'second', deprecated: true });
    // A deprecated API takes no new model.
    const model = await invoke(createModel, {
      token: root.token,
      params: { serviceId: svc },
      body: { serviceApiId: id, name: 'Late', description: '', modelType: 'BYOA' },
    });
    expect(model.status).toBe(409);
    expect(model.json.message).toContain('deprecated');
  });
});

describe('DeleteServiceAPI', () => {
  it('delete is refused while a model exists, then removes the API and its guard', async () => {
    const svc = await newService('Api Delete');
    const env = await newEnv(svc, 'Dev');
    const id = (await newApi(svc, { serviceEnvironmentId: env })).json;
    const model = await invoke(createModel, {
      token: root.token,
      params: { serviceId: svc },
      body: { serviceApiId: id, name: 'Hosted', description: '', modelType: 'OMNISTRATE_HOSTED' },
    });
    expect(model.status).toBe(200);
    const refused = await invoke(deleteApi, { token: root.token, params: { serviceId: svc, id } });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('Hosted');
    expect((await invoke(deleteModel, { token: root.token, params: { serviceId: svc, id: model.json } })).status).toBe(200);
    const ok = await invoke(deleteApi, { token: root.token, params: { serviceId: svc, id } });
    expect(ok.status).toBe(200);
    expect(await getItem(keys.serviceApi(svc, id))).toBeUndefined();
    expect(await getItem(keys.serviceApiOfEnvironmentGuard(svc, env))).toBeUndefined();
    expect((await invoke(describeApi, { token: root.token, params: { serviceId: svc, id } })).status).toBe(404);
    expect((await invoke(deleteApi, { token: root.token, params: { serviceId: svc, id } })).status).toBe(404);
    // The environment can now take a new API, and be deleted once it has none.
    const again = await newApi(svc, { serviceEnvironmentId: env });
    expect(again.status).toBe(200);
    expect((await invoke(deleteApi, { token: root.token, params: { serviceId: svc, id: again.json } })).status).toBe(200);
    expect((await invoke(deleteEnvironment, { token: root.token, params: { serviceId: svc, id: env } })).status).toBe(200);
  });

  it('a model created while the API is being deleted is never orphaned', async () => {
    const svc = await newService('Api Race');
    const env = await newEnv(svc, 'Dev');
    const id = (await newApi(svc, { serviceEnvironmentId: env })).json;
    const [del, model] = await Promise.all([
      invoke(deleteApi, { token: root.token, params: { serviceId: svc, id } }),
      invoke(createModel, {
        token: root.token,
        params: { serviceId: svc },
        body: { serviceApiId: id, name: 'Racer', description: '', modelType: 'BYOA' },
      }),
    ]);
    const apiLeft = await getItem(keys.serviceApi(svc, id));
    const models = await queryAll<{ serviceApiId: string }>(keys.serviceModelsOfService(svc));
    if (model.status === 200) {
      expect(del.status).toBe(409);
      expect(apiLeft).toBeDefined();
      expect(models).toHaveLength(1);
    } else {
      expect(del.status).toBe(200);
      expect(apiLeft).toBeUndefined();
      expect(models).toHaveLength(0);
    }
  });

  it('DeleteService cascades the API and its guard', async () => {
    const svc = await newService('Api Cascade');
    const env = await newEnv(svc, 'Dev');
    await newApi(svc, { serviceEnvironmentId: env });
    expect((await invoke(deleteService, { token: root.token, params: { id: svc } })).status).toBe(200);
    expect(await queryAll(keys.servicePartition(svc))).toEqual([]);
  });
});

describe('tenancy (every service-api operation)', () => {
  it("another org's ids, and ids under another service, answer 404", async () => {
    const svc = await newService('Api Tenancy');
    const env = await newEnv(svc, 'Dev');
    const id = (await newApi(svc, { serviceEnvironmentId: env })).json;
    const t = stranger.token;
    for (const res of [
      await invoke(describeApi, { token: t, params: { serviceId: svc, id } }),
      await invoke(updateApi, { token: t, params: { serviceId: svc, id }, body: { description: 'x' } }),
      await invoke(deprecateApi, { token: t, params: { serviceId: svc, id } }),
      await invoke(deleteApi, { token: t, params: { serviceId: svc, id } }),
      await invoke(listApis, { token: t, params: { serviceId: svc, serviceEnvironmentId: env } }),
      await newApi(svc, { serviceEnvironmentId: env }, t),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.message).toContain('not found');
    }
    const otherSvc = await newService('Api Tenancy Other');
    expect((await invoke(describeApi, { token: root.token, params: { serviceId: otherSvc, id } })).status).toBe(404);
    expect((await invoke(listApis, { token: root.token, params: { serviceId: otherSvc, serviceEnvironmentId: env } })).status).toBe(404);
    expect((await newApi(otherSvc, { serviceEnvironmentId: env })).status).toBe(404);
    expect((await invoke(describeApi, { token: root.token, params: { serviceId: svc, id } })).json.description).toBe('API');
  });
});
