import { beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { operation as listService } from '#functions/service/list-service.ts';
import { operation as updateService } from '#functions/service/update-service.ts';
import { operation as deleteService } from '#functions/service/delete-service.ts';
import { operation as serviceHealth } from '#functions/service/service-health.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { db, tableName } from '#shared/data/client.ts';
import { getItem, queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';

let root: TestSession;
let reader: TestSession;

beforeAll(async () => {
  root = await testSession('root', 'Handler Org');
  reader = await testSession('reader');
});

async function newService(name: string, token = root.token): Promise<string> {
  const res = await invoke(createService, { token, body: { name, description: 'd' } });
  expect(res.status).toBe(200);
  return res.json;
}

describe('CreateService', () => {
  it('create stores the service, its org listing keys and both guards', async () => {
    const id = await newService('  Stored Service  ');
    const item = await getItem<Record<string, unknown>>(keys.service(id));
    expect(item).toMatchObject({
      entity: 'service',
      serviceId: id,
      orgId: root.orgId,
      name: 'Stored Service',
      key: 'stored-service',
      version: 1,
      gsi1pk: keys.servicesOfOrg(root.orgId).partition,
    });
    expect(String(item!.gsi1sk)).toMatch(new RegExp(`#${id}$`));
    expect(await getItem(keys.serviceNameGuard(root.orgId, 'stored service'))).toBeDefined();
    expect(await getItem(keys.serviceKeyGuard(root.orgId, 'stored-service'))).toMatchObject({ serviceId: id });
  });

  it('ignores unknown body fields and matches lower-cased keys', async () => {
    const res = await invoke(createService, {
      token: root.token,
      body: { name: 'Lenient', description: 'x', servicelogourl: 'https://example.com/l.png', extra: 1 },
    });
    expect(res.status).toBe(200);
    const d = await invoke(describeService, { token: root.token, params: { id: res.json } });
    expect(d.json.serviceLogoURL).toBe('https://example.com/l.png');
    expect(d.json.roleType).toBe('root');
  });
});

describe('DescribeService', () => {
  it('readers can read but not create, update or delete', async () => {
    expect((await invoke(createService, { token: reader.token, body: { name: 'R', description: '' } })).status).toBe(403);
    const id = await newService('Readable');
    expect((await invoke(updateService, { token: reader.token, params: { id }, body: { description: 'x' } })).status).toBe(403);
    expect((await invoke(deleteService, { token: reader.token, params: { id } })).status).toBe(403);
    // A reader of another org still sees nothing of this one.
    expect((await invoke(describeService, { token: reader.token, params: { id } })).status).toBe(404);
  });
});

describe('ListService', () => {
  it('answers 401 without a token and 400 on malformed JSON', async () => {
    expect((await invoke(listService, {})).status).toBe(401);
    const bad = await invoke(createService, { token: root.token, rawBody: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.name).toBe('bad_request');
  });

  it('list pages through the org services with a signed token', async () => {
    const org = await testSession('editor');
    const ids = [];
    for (const n of ['One', 'Two', 'Three']) ids.push(await newService(`Page ${n}`, org.token));
    const first = await invoke(listService, { token: org.token, query: { pageSize: '2' } });
    expect(first.status).toBe(200);
    expect(first.json.ids).toEqual(ids.slice(0, 2));
    expect(first.json.services.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    const second = await invoke(listService, { token: org.token, query: { pageSize: '2', nextPageToken: first.json.nextPageToken } });
    expect(second.json.ids).toEqual(ids.slice(2));
    expect(second.json.nextPageToken).toBeUndefined();
    const tampered = await invoke(listService, { token: org.token, query: { nextPageToken: `${first.json.nextPageToken}x` } });
    expect(tampered.status).toBe(400);
    // Another org's token cannot replay it.
    expect((await invoke(listService, { token: root.token, query: { nextPageToken: first.json.nextPageToken } })).status).toBe(400);
  });
});

describe('UpdateService', () => {
  it('a rename moves the name guard and keeps the key', async () => {
    const id = await newService('Before Rename');
    expect((await invoke(updateService, { token: root.token, params: { id }, body: { name: 'After Rename' } })).status).toBe(200);
    expect(await getItem(keys.serviceNameGuard(root.orgId, 'before rename'))).toBeUndefined();
    expect(await getItem(keys.serviceNameGuard(root.orgId, 'after rename'))).toBeDefined();
    expect(await getItem(keys.service(id))).toMatchObject({ name: 'After Rename', key: 'before-rename', version: 2 });
    // Renaming onto a taken name is a 409 and changes nothing.
    await newService('Taken Name');
    const clash = await invoke(updateService, { token: root.token, params: { id }, body: { name: 'taken name' } });
    expect(clash.status).toBe(409);
    expect(await getItem(keys.service(id))).toMatchObject({ name: 'After Rename', version: 2 });
    // A change of case only keeps the same guard.
    expect((await invoke(updateService, { token: root.token, params: { id }, body: { name: 'AFTER RENAME' } })).status).toBe(200);
    expect(await getItem(keys.serviceNameGuard(root.orgId, 'after rename'))).toBeDefined();
  });

  it('concurrent updates of different fields both land', async () => {
    const id = await newService('Concurrent Update');
    const [a, b] = await Promise.all([
      invoke(updateService, { token: root.token, params: { id }, body: { description: 'new description' } }),
      invoke(updateService, { token: root.token, params: { id }, body: { serviceLogoURL: 'https://example.com/x.png' } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await getItem(keys.service(id))).toMatchObject({
      description: 'new description',
      serviceLogoURL: 'https://example.com/x.png',
      version: 3,
    });
  });
});

describe('DeleteService', () => {
  it('delete removes the whole partition and the org guards', async () => {
    const id = await newService('Cascade Me');
    const env = await invoke(createEnvironment, {
      token: root.token,
      params: { serviceId: id },
      body: { name: 'Dev', description: '', deploymentConfigId: 'default' },
    });
    expect(env.status).toBe(200);
    expect((await queryAll(keys.servicePartition(id))).length).toBeGreaterThan(1);
    expect((await invoke(deleteService, { token: root.token, params: { id } })).status).toBe(200);
    expect(await queryAll(keys.servicePartition(id))).toEqual([]);
    expect(await getItem(keys.serviceNameGuard(root.orgId, 'cascade me'))).toBeUndefined();
    expect(await getItem(keys.serviceKeyGuard(root.orgId, 'cascade-me'))).toBeUndefined();
    expect((await invoke(deleteService, { token: root.token, params: { id } })).status).toBe(404);
  });

  it('refuses (409) a tree too large for one transaction and removes nothing', async () => {
    const id = await newService('Huge Tree');
    const filler = Array.from({ length: 100 }, (_, n) => ({
      ...keys.file(id, `f-${String(n).padStart(3, '0')}`),
      entity: 'file',
      orgId: root.orgId,
      serviceId: id,
    }));
    for (let i = 0; i < filler.length; i += 25) {
      await db().send(
        new BatchWriteCommand({
          RequestItems: { [tableName()]: filler.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
    const res = await invoke(deleteService, { token: root.token, params: { id } });
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('too many');
    expect(await queryAll(keys.servicePartition(id))).toHaveLength(101);
    expect(await getItem(keys.serviceNameGuard(root.orgId, 'huge tree'))).toBeDefined();
  });
});

describe('ServiceHealth', () => {
  it('health reports N/A per environment', async () => {
    const id = await newService('Healthy?');
    const env = await invoke(createEnvironment, {
      token: root.token,
      params: { serviceId: id },
      body: { name: 'Dev', description: '', deploymentConfigId: 'default' },
    });
    const res = await invoke(serviceHealth, { token: reader.token, params: { id } });
    expect(res.status).toBe(404);
    const own = await invoke(serviceHealth, { token: root.token, params: { id } });
    expect(own.json).toEqual({ id, health: 'N/A', report: { [env.json]: 'N/A' } });
  });
});
