import { beforeAll, describe, expect, it } from 'vitest';
import { operation as describeModel } from '#functions/service-model/describe-service-model.ts';
import { operation as listModels } from '#functions/service-model/list-service-model.ts';
import { operation as updateModel } from '#functions/service-model/update-service-model.ts';
import { operation as deleteModel } from '#functions/service-model/delete-service-model.ts';
import { operation as enableFeature } from '#functions/service-model/enable-service-model-feature.ts';
import { operation as disableFeature } from '#functions/service-model/disable-service-model-feature.ts';
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

const { apiIn, newTree, newModel, modelId, tierFixture, removeTier } = fixtures(() => root);

describe('CreateServiceModel', () => {
  it('create stores the model with its key guard and touches the service and the API', async () => {
    const t = await newTree('Model Store');
    const [svcBefore, apiBefore] = await Promise.all([
      getItem<Item>(keys.service(t.svc)),
      getItem<Item>(keys.serviceApi(t.svc, t.api)),
    ]);
    const res = await newModel(t.svc, {
      serviceApiId: t.api,
      name: ' MySQL multi-writer service hosted model ',
      description: 'hosted',
      modelType: 'omnistrate_hosted',
      features: [{ feature: 'LOGS', configuration: { level: 'debug' } }],
      accountConfigIds: ['ac-aaaaaaaaaa', 'ac-aaaaaaaaaa'],
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatch(/^sm-[A-Za-z0-9]{10}$/);
    const item = await getItem<Item>(keys.serviceModel(t.svc, res.json));
    expect(item).toMatchObject({
      entity: 'serviceModel',
      orgId: root.orgId,
      serviceId: t.svc,
      serviceModelId: res.json,
      serviceApiId: t.api,
      environmentId: t.env,
      name: 'MySQL multi-writer service hosted model',
      key: 'mysql-multi-writer-service-hosted-model',
      description: 'hosted',
      modelType: 'OMNISTRATE_HOSTED',
      features: { LOGS: { level: 'debug' } },
      accountConfigIds: ['ac-aaaaaaaaaa'],
      version: 1,
    });
    expect(await getItem(keys.serviceModelKeyGuard(t.svc, t.api, 'mysql-multi-writer-service-hosted-model'))).toMatchObject({
      serviceModelId: res.json,
      value: 'mysql-multi-writer-service-hosted-model',
    });
    // The API counts its models (what DeleteServiceAPI decides on).
    expect(await getItem(keys.serviceApi(t.svc, t.api))).toMatchObject({ serviceModelCount: 1 });
    expect((await getItem<Item>(keys.service(t.svc)))!.version).toBe(svcBefore!.version + 1);
    expect((await getItem<Item>(keys.serviceApi(t.svc, t.api)))!.version).toBe(apiBefore!.version + 1);
  });

  it('refuses a bad modelType and missing fields (400), unknown or foreign APIs (404)', async () => {
    const t = await newTree('Model Validation');
    const bad = await newModel(t.svc, { serviceApiId: t.api, name: 'X', modelType: 'SELF_HOSTED' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.modelType');
    expect(bad.json.message).toContain('OMNISTRATE_HOSTED, CUSTOMER_HOSTED, BYOA');
    const noName = await newModel(t.svc, { serviceApiId: t.api });
    expect(noName.status).toBe(400);
    expect(noName.json.message).toContain('body.name');
    const badFeature = await newModel(t.svc, { serviceApiId: t.api, name: 'X', features: [{ feature: 'LOGS', configuration: 'on' }] });
    expect(badFeature.status).toBe(400);
    expect((await newModel(t.svc, { serviceApiId: 'sa-nothere000', name: 'X' })).status).toBe(404);
    const other = await newTree('Model Validation Other');
    const crossed = await newModel(t.svc, { serviceApiId: other.api, name: 'X' });
    expect(crossed.status).toBe(404);
    expect(crossed.json.message).toBe('service API not found');
    expect((await newModel(t.svc, { serviceApiId: t.api, name: 'X' }, stranger.token)).status).toBe(404);
    expect(await queryAll(keys.serviceModelsOfService(t.svc))).toEqual([]);
  });

  it('keys are unique within the API (409, also under a race) but not across APIs', async () => {
    const t = await newTree('Model Keys');
    await modelId(t, 'My Model');
    const clash = await newModel(t.svc, { serviceApiId: t.api, name: 'my-model' });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toContain('"my-model"');
    const race = await Promise.all([
      newModel(t.svc, { serviceApiId: t.api, name: 'Twin' }),
      newModel(t.svc, { serviceApiId: t.api, name: 'twin', modelType: 'BYOA' }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const second = await apiIn(t.svc, 'Prod');
    expect((await newModel(t.svc, { serviceApiId: second.api, name: 'My Model' })).status).toBe(200);
  });

});

describe('DescribeServiceModel', () => {
  it('describe fills every field, with the ids of its tiers oldest first', async () => {
    const t = await newTree('Model Describe');
    const hosted = await modelId(t, 'Hosted');
    const byoa = await modelId(t, 'Bring Your Own', 'byoa');
    const tier1 = await tierFixture(t, hosted, 'Basic');
    const tier2 = await tierFixture(t, hosted, 'Premium');
    const d = await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id: hosted } });
    expect(d.status).toBe(200);
    expect(d.json).toEqual({
      id: hosted,
      serviceId: t.svc,
      serviceApiId: t.api,
      name: 'Hosted',
      key: 'hosted',
      description: '',
      modelType: 'OMNISTRATE_HOSTED',
      features: [],
      productTiers: [tier1, tier2],
      accountConfigIds: [],
      activeAccountConfigIds: {},
    });
    const b = await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id: byoa } });
    expect(b.json).toMatchObject({ modelType: 'BYOA', key: 'bring-your-own', productTiers: [] });
  });
});

describe('ListServiceModel', () => {
  it('lists the models of one API, oldest first', async () => {
    const t = await newTree('Model List');
    const hosted = await modelId(t, 'Hosted');
    const byoa = await modelId(t, 'Bring Your Own', 'byoa');
    const other = await apiIn(t.svc, 'Prod');
    await modelId({ ...t, ...other }, 'Elsewhere');
    const list = await invoke(listModels, { token: root.token, params: { serviceId: t.svc, serviceApiId: t.api } });
    expect(list.json).toEqual({ ids: [hosted, byoa] });
    expect((await invoke(listModels, { token: root.token, params: { serviceId: t.svc, serviceApiId: 'sa-nothere000' } })).status).toBe(404);
  });
});

describe('UpdateServiceModel', () => {
  it('update renames (key stays) and changes the description', async () => {
    const t = await newTree('Model Update');
    const id = await modelId(t, 'Old Name');
    const res = await invoke(updateModel, { token: root.token, params: { serviceId: t.svc, id }, body: { name: 'New Name', description: 'd' } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const item = await getItem<Item>(keys.serviceModel(t.svc, id));
    expect(item).toMatchObject({ name: 'New Name', key: 'old-name', description: 'd', version: 2 });
    const blank = await invoke(updateModel, { token: root.token, params: { serviceId: t.svc, id }, body: { name: '  ' } });
    expect(blank.status).toBe(400);
  });
});

describe('EnableServiceModelFeature', () => {
  it('enables with a configuration and replaces it; concurrent enables both land; a configuration is required', async () => {
    const t = await newTree('Model Features');
    const id = await modelId(t, 'Featured');
    const params = { serviceId: t.svc, id };
    const on = await invoke(enableFeature, { token: root.token, params, body: { feature: 'LOGS', configuration: { level: 'info' } } });
    expect(on.status).toBe(200);
    expect(on.body).toBe('');
    // Concurrent enables of different features both land (versioned read-modify-write).
    const both = await Promise.all([
      invoke(enableFeature, { token: root.token, params, body: { feature: 'METRICS', configuration: {} } }),
      invoke(enableFeature, { token: root.token, params, body: { feature: 'LOGS', configuration: { level: 'debug' } } }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const d = await invoke(describeModel, { token: root.token, params });
    expect(d.json.features).toEqual([
      { feature: 'LOGS', configuration: { level: 'debug' } },
      { feature: 'METRICS', configuration: {} },
    ]);
    const noConfig = await invoke(enableFeature, { token: root.token, params, body: { feature: 'X' } });
    expect(noConfig.status).toBe(400);
    expect(noConfig.json.message).toContain('body.configuration');
  });
});

describe('DisableServiceModelFeature', () => {
  it('disables by name in a DELETE body; one not enabled is 404, no name is 400', async () => {
    const t = await newTree('Model Features Off');
    const id = await modelId(t, 'Featured');
    const params = { serviceId: t.svc, id };
    for (const body of [
      { feature: 'LOGS', configuration: { level: 'debug' } },
      { feature: 'METRICS', configuration: {} },
    ]) {
      expect((await invoke(enableFeature, { token: root.token, params, body })).status).toBe(200);
    }
    const off = await invoke(disableFeature, { token: root.token, params, body: { feature: 'LOGS' } });
    expect(off.status).toBe(200);
    expect((await invoke(describeModel, { token: root.token, params })).json.features).toEqual([{ feature: 'METRICS', configuration: {} }]);
    const again = await invoke(disableFeature, { token: root.token, params, body: { feature: 'LOGS' } });
    expect(again.status).toBe(404);
    expect(again.json.message).toContain('not found');
    expect((await invoke(disableFeature, { token: root.token, params, body: {} })).status).toBe(400);
  });
});

describe('DeleteServiceModel', () => {
  it('delete is refused while the model has tiers, then removes the model and its key guard', async () => {
    const t = await newTree('Model Delete');
    const id = await modelId(t, 'Doomed');
    const tier = await tierFixture(t, id, 'Only');
    const refused = await invoke(deleteModel, { token: root.token, params: { serviceId: t.svc, id } });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('Only');
    await removeTier(t, tier);
    const ok = await invoke(deleteModel, { token: root.token, params: { serviceId: t.svc, id } });
    expect(ok.status).toBe(200);
    expect(await getItem(keys.serviceModel(t.svc, id))).toBeUndefined();
    expect(await getItem(keys.serviceModelKeyGuard(t.svc, t.api, 'doomed'))).toBeUndefined();
    expect((await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id } })).status).toBe(404);
    // The key is free again.
    expect((await newModel(t.svc, { serviceApiId: t.api, name: 'Doomed' })).status).toBe(200);
  });
});

describe('tenancy (every service-model operation)', () => {
  it("another org's models, and models under another service, answer 404", async () => {
    const t = await newTree('Model Tenancy');
    const id = await modelId(t, 'Private');
    const other = await newTree('Model Tenancy Other');
    for (const [token, serviceId] of [
      [stranger.token, t.svc],
      [root.token, other.svc],
    ]) {
      const params = { serviceId, id };
      for (const res of [
        await invoke(describeModel, { token, params }),
        await invoke(updateModel, { token, params, body: { name: 'x' } }),
        await invoke(enableFeature, { token, params, body: { feature: 'F', configuration: {} } }),
        await invoke(disableFeature, { token, params, body: { feature: 'F' } }),
        await invoke(deleteModel, { token, params }),
        await invoke(copyModel, { token, params: { serviceId, sourceId: id }, body: { name: 'c', description: '', targetServiceModelType: 'BYOA' } }),
      ]) {
        expect(res.status).toBe(404);
        expect(res.json.message).toContain('not found');
      }
    }
    expect((await invoke(listModels, { token: stranger.token, params: { serviceId: t.svc, serviceApiId: t.api } })).status).toBe(404);
    expect((await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id } })).json.name).toBe('Private');
  });
});
