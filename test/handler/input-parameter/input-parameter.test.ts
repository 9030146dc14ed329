import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createResource } from '#functions/resource/create-resource.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as createIp } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as describeIp } from '#functions/input-parameter/describe-input-parameter.ts';
import { operation as listIp } from '#functions/input-parameter/list-input-parameter.ts';
import { operation as updateIp } from '#functions/input-parameter/update-input-parameter.ts';
import { operation as deleteIp } from '#functions/input-parameter/delete-input-parameter.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { addTier, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let tier: TierFixture;
let db: string;
let proxy: string;

async function resource(t: TierFixture, name: string): Promise<string> {
  const res = await invoke(createResource, { params: { serviceId: t.serviceId }, body: { name, description: '', productTierId: t.productTierId }, token: root.token });
  expect(res.status, res.body).toBe(200);
  return res.json;
}

const base = (resourceId: string, over: Record<string, unknown> = {}) => ({
  resourceId,
  key: 'instanceType',
  name: 'Instance type',
  description: 'VM size',
  type: 'String',
  required: false,
  modifiable: true,
  ...over,
});

const create = (body: unknown, token = root.token, serviceId = tier.serviceId) => invoke(createIp, { params: { serviceId }, body, token });

beforeAll(async () => {
  root = await testSession('root');
  other = await testSession('root', 'Other');
  tier = await serviceWithTier(root.orgId);
  db = await resource(tier, 'Db');
  proxy = await resource(tier, 'Proxy');
});

let fresh = 0;
/** A parameter with options and a default, on a resource of its own (so lists hold just it). */
async function withParam() {
  const r = await resource(tier, `Fresh ${++fresh}`);
  const res = await create(base(r, { options: ['t3.small', 't3.large'], defaultValue: 't3.small', type: 'string' }));
  expect(res.status, res.body).toBe(200);
  const id = res.json as string;
  expect(id).toMatch(/^ip-/);
  return { r, id };
}

describe('CreateInputParameter', () => {
  it('creates and records the change', async () => {
    const res = await create(base(db, { options: ['t3.small', 't3.large'], defaultValue: 't3.small', type: 'string' }));
    expect(res.status, res.body).toBe(200);
    const id = res.json as string;
    expect(id).toMatch(/^ip-/);
    const changes = await changesOfTier(tier.serviceId, tier.productTierId);
    expect(changes.at(-1)).toMatchObject({ changedEntity: 'inputParameter', changedId: id, resourceId: db, kind: 'NEW' });
  });
  it("refuses another org's resource (404)", async () => {
    expect((await create(base(db, { key: 'x2' }), other.token)).status).toBe(404);
  });
  it('keeps keys unique within a resource (not across resources), under races too', async () => {
    const dup = await create(base(db));
    expect(dup.status).toBe(409);
    expect(dup.json.message).toContain('instanceType');
    expect((await create(base(proxy))).status).toBe(200);
    const racing = await Promise.all([create(base(db, { key: 'race' })), create(base(db, { key: 'race' }))]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
  });
  it('refuses defaults that do not fit, bad keys and bad types (400)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'replicas', type: 'Float64', defaultValue: 'three' }, 'defaultValue "three" is not a number'],
      [{ key: 'replicas', type: 'Float64', limits: { min: '1', max: '5' }, defaultValue: '9' }, 'above the maximum 5'],
      [{ key: 'flag', type: 'Boolean', defaultValue: 'maybe' }, 'must be true or false'],
      [{ key: 'cfg', type: 'JSON', defaultValue: '{' }, 'not valid JSON'],
      [{ key: 'size', options: ['s', 'm'], defaultValue: 'xl' }, 'not one of the options'],
      [{ key: '9lives' }, 'body.key'],
      [{ key: 'x', type: 'Integer' }, 'type must be one of'],
      [{ key: 'ref', type: 'Resource' }, 'needs dependentResourceId'],
      [{ key: 'dep', dependentResourceId: db }, 'another resource'],
    ];
    for (const [over, message] of cases) {
      const res = await create(base(db, over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.json.message).toContain(message);
    }
    const missing = await create({ resourceId: db, key: 'k', name: 'n' });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('is required');
  });
  it('checks dependentResourceId is in the same tier, and then guards that resource against deletion', async () => {
    const tier2 = await addTier(tier);
    const elsewhere = await resource(tier2, 'Elsewhere');
    const cross = await create(base(proxy, { key: 'dbRef', type: 'Resource', dependentResourceId: elsewhere }));
    expect(cross.status).toBe(400);
    expect(cross.json.message).toContain('not a resource of the same product tier');
    const target = await resource(tier, 'Target');
    const ok = await create(base(proxy, { key: 'targetRef', type: 'Resource', dependentResourceId: target }));
    expect(ok.status).toBe(200);
    const blocked = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: target }, token: root.token });
    expect(blocked.status).toBe(409);
    expect(blocked.json.message).toContain('referenced by input parameters of proxy');
    expect((await invoke(deleteIp, { params: { serviceId: tier.serviceId, id: ok.json }, token: root.token })).status).toBe(200);
    expect((await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: target }, token: root.token })).status).toBe(200);
  });
});

describe('DescribeInputParameter', () => {
  it('describes with every required field, the type normalised', async () => {
    const { r, id } = await withParam();
    const d = await invoke(describeIp, { params: { serviceId: tier.serviceId, id }, token: root.token });
    expect(d.status).toBe(200);
    expect(d.json).toEqual({
      id,
      serviceId: tier.serviceId,
      resourceId: r,
      key: 'instanceType',
      name: 'Instance type',
      description: 'VM size',
      type: 'String',
      required: false,
      modifiable: true,
      hasOptions: true,
      isList: false,
      options: ['t3.small', 't3.large'],
      defaultValue: 't3.small',
    });
  });
  it('is invisible to another org', async () => {
    const { id } = await withParam();
    expect((await invoke(describeIp, { params: { serviceId: tier.serviceId, id }, token: other.token })).status).toBe(404);
  });
});

describe('ListInputParameter', () => {
  it("lists a resource's parameters, each as DescribeInputParameter answers it", async () => {
    const { r, id } = await withParam();
    const d = await invoke(describeIp, { params: { serviceId: tier.serviceId, id }, token: root.token });
    const list = await invoke(listIp, { params: { serviceId: tier.serviceId, resourceId: r }, token: root.token });
    expect(list.json.ids).toEqual([id]);
    expect(list.json.inputParameters[0]).toEqual(d.json);
  });
  it('is invisible to another org', async () => {
    const { r } = await withParam();
    expect((await invoke(listIp, { params: { serviceId: tier.serviceId, resourceId: r }, token: other.token })).status).toBe(404);
  });
});

describe('UpdateInputParameter', () => {
  it('updates with re-validation, keeps key and type', async () => {
    const res = await create(base(db, { key: 'port', type: 'Float64', limits: { min: '1', max: '65535' }, defaultValue: '5432' }));
    const id = res.json as string;
    const bad = await invoke(updateIp, { params: { serviceId: tier.serviceId, id }, body: { defaultValue: '70000' }, token: root.token });
    expect(bad.status).toBe(400);
    const tighter = await invoke(updateIp, { params: { serviceId: tier.serviceId, id }, body: { limits: { min: '1', max: '100' } }, token: root.token });
    expect(tighter.status).toBe(400);
    const ok = await invoke(updateIp, { params: { serviceId: tier.serviceId, id }, body: { defaultValue: '6432', name: 'Port', required: true, key: 'ignored' }, token: root.token });
    expect(ok.status).toBe(200);
    const d = await invoke(describeIp, { params: { serviceId: tier.serviceId, id }, token: root.token });
    expect(d.json).toMatchObject({ key: 'port', type: 'Float64', defaultValue: '6432', name: 'Port', required: true });
  });
});

describe('DeleteInputParameter', () => {
  it('deletes, frees the key, and is refused (404) for another org', async () => {
    const id = (await create(base(db, { key: 'temp' }))).json as string;
    expect((await invoke(deleteIp, { params: { serviceId: tier.serviceId, id }, token: other.token })).status).toBe(404);
    const del = await invoke(deleteIp, { params: { serviceId: tier.serviceId, id }, token: root.token });
    expect(del.status).toBe(200);
    const gone = await invoke(describeIp, { params: { serviceId: tier.serviceId, id }, token: root.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('input parameter not found');
    expect((await create(base(db, { key: 'temp' }))).status).toBe(200);
  });
  it('goes away with its resource', async () => {
    const r = await resource(tier, 'Doomed');
    const id = (await create(base(r, { key: 'a' }))).json as string;
    expect((await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: r }, token: root.token })).status).toBe(200);
    expect((await invoke(describeIp, { params: { serviceId: tier.serviceId, id }, token: root.token })).status).toBe(404);
    expect((await create(base(r, { key: 'b' }))).status).toBe(404);
  });
});
