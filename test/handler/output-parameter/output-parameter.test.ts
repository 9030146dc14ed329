import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createResource } from '#functions/resource/create-resource.ts';
import { operation as createOp } from '#functions/output-parameter/create-output-parameter.ts';
import { operation as describeOp } from '#functions/output-parameter/describe-output-parameter.ts';
import { operation as listOp } from '#functions/output-parameter/list-output-parameter.ts';
import { operation as updateOp } from '#functions/output-parameter/update-output-parameter.ts';
import { operation as deleteOp } from '#functions/output-parameter/delete-output-parameter.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let tier: TierFixture;
let db: string;

beforeAll(async () => {
  root = await testSession('root');
  other = await testSession('root', 'Other');
  tier = await serviceWithTier(root.orgId);
  const res = await invoke(createResource, { params: { serviceId: tier.serviceId }, body: { name: 'Db', description: '', productTierId: tier.productTierId }, token: root.token });
  db = res.json;
});

const create = (body: unknown, token = root.token) => invoke(createOp, { params: { serviceId: tier.serviceId }, body, token });

const value = '{{ $sys.network.externalClusterEndpoint }}:{{ $var.port }}';
let fresh = 0;
/** A resource of its own with an `endpoint` output parameter carrying a value expression. */
async function withEndpoint() {
  const r = await invoke(createResource, { params: { serviceId: tier.serviceId }, body: { name: `Fresh ${++fresh}`, description: '', productTierId: tier.productTierId }, token: root.token });
  expect(r.status, r.body).toBe(200);
  const res = await create({ resourceId: r.json, key: 'endpoint', name: 'Endpoint', description: 'where to connect', value, valueType: 'String' });
  expect(res.status, res.body).toBe(200);
  const id = res.json as string;
  expect(id).toMatch(/^op-/);
  return { resourceId: r.json as string, id, params: { serviceId: tier.serviceId, id } };
}

describe('CreateOutputParameter', () => {
  it('creates with only the required fields; the optional ones stay absent; description is required', async () => {
    const minimal = await create({ resourceId: db, key: 'user', name: 'User', description: 'login' });
    expect(minimal.status).toBe(200);
    const dm = await invoke(describeOp, { params: { serviceId: tier.serviceId, id: minimal.json }, token: root.token });
    expect(dm.json).toEqual({ id: minimal.json, serviceId: tier.serviceId, resourceId: db, key: 'user', name: 'User', description: 'login' });
    const noDescription = await create({ resourceId: db, key: 'nodesc', name: 'X' });
    expect(noDescription.status).toBe(400);
    expect(noDescription.json.message).toContain('body.description');
  });
  it('keeps keys unique within the resource and validates input', async () => {
    expect((await create({ resourceId: db, key: 'dupKey', name: 'A', description: 'd' })).status).toBe(200);
    const dup = await create({ resourceId: db, key: 'dupKey', name: 'B', description: 'd' });
    expect(dup.status).toBe(409);
    const bad = await create({ resourceId: db, key: 'has space', name: 'B', description: 'd' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('body.key');
    const noRes = await create({ resourceId: 'r-missing000', key: 'k', name: 'B', description: 'd' });
    expect(noRes.status).toBe(404);
    expect(noRes.json.message).toBe('resource not found');
  });
});

describe('DescribeOutputParameter', () => {
  it('describes every field, the value expression stored as given', async () => {
    const { resourceId, id, params } = await withEndpoint();
    const d = await invoke(describeOp, { params, token: root.token });
    expect(d.status).toBe(200);
    expect(d.json).toEqual({ id, serviceId: tier.serviceId, resourceId, key: 'endpoint', name: 'Endpoint', description: 'where to connect', value, valueType: 'String' });
  });

  it('is invisible to another org', async () => {
    const id = (await create({ resourceId: db, key: 'hidden', name: 'H', description: 'd' })).json as string;
    expect((await invoke(describeOp, { params: { serviceId: tier.serviceId, id }, token: other.token })).status).toBe(404);
    expect((await invoke(listOp, { params: { serviceId: tier.serviceId, resourceId: db }, token: other.token })).status).toBe(404);
    expect((await create({ resourceId: db, key: 'x', name: 'x', description: 'd' }, other.token)).status).toBe(404);
  });
});

describe('ListOutputParameter', () => {
  it("lists a resource's output parameters, oldest first", async () => {
    const { resourceId, id } = await withEndpoint();
    const minimal = await create({ resourceId, key: 'user', name: 'User', description: 'login' });
    const list = await invoke(listOp, { params: { serviceId: tier.serviceId, resourceId }, token: root.token });
    expect(list.json.ids).toEqual([id, minimal.json]);
    expect(list.json.outputParameters).toHaveLength(2);
  });
});

describe('UpdateOutputParameter', () => {
  it('changes the value and the name, keeps the key, and records the change', async () => {
    const { id, params } = await withEndpoint();
    const upd = await invoke(updateOp, { params, body: { value: '{{ $var.host }}', name: 'Host' }, token: root.token });
    expect(upd.status).toBe(200);
    const after = await invoke(describeOp, { params, token: root.token });
    expect(after.json).toMatchObject({ key: 'endpoint', name: 'Host', value: '{{ $var.host }}' });
    const kinds = (await changesOfTier(tier.serviceId, tier.productTierId)).filter((c) => c.changedId === id).map((c) => c.kind);
    expect(kinds).toEqual(['NEW', 'UPDATE']);
  });

  it('is refused (404) for another org and changes nothing', async () => {
    const { params } = await withEndpoint();
    expect((await invoke(updateOp, { params, body: { name: 'x' }, token: other.token })).status).toBe(404);
    expect((await invoke(describeOp, { params, token: root.token })).json.name).toBe('Endpoint');
  });
});

describe('DeleteOutputParameter', () => {
  it('deletes and records the change after the earlier ones; a second time is 404', async () => {
    const { id, params } = await withEndpoint();
    expect((await invoke(updateOp, { params, body: { value: '{{ $var.host }}', name: 'Host' }, token: root.token })).status).toBe(200);
    expect((await invoke(deleteOp, { params, token: root.token })).status).toBe(200);
    const gone = await invoke(describeOp, { params, token: root.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('output parameter not found');
    const kinds = (await changesOfTier(tier.serviceId, tier.productTierId)).filter((c) => c.changedId === id).map((c) => c.kind);
    expect(kinds).toEqual(['NEW', 'UPDATE', 'DELETE']);
    expect((await invoke(deleteOp, { params, token: root.token })).status).toBe(404);
  });
});
