/**
 * Reads at a version: DescribeResource, ListResources, DescribeProductTier, ListFiles/GetFile and the parameter
 * reads answer a released version from its snapshot, whatever happened to the current definition since.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as describeResource } from '#functions/resource/describe-resource.ts';
import { operation as listResources } from '#functions/resource/list-resources.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as addFile } from '#functions/resource/add-file.ts';
import { operation as getFile } from '#functions/resource/get-file.ts';
import { operation as listFiles } from '#functions/resource/list-files.ts';
import { operation as updateFileContent } from '#functions/resource/update-file-content.ts';
import { operation as describeTier } from '#functions/product-tier/describe-product-tier.ts';
import { operation as updateTier } from '#functions/product-tier/update-product-tier.ts';
import { operation as createIp } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as describeIp } from '#functions/input-parameter/describe-input-parameter.ts';
import { operation as updateIp } from '#functions/input-parameter/update-input-parameter.ts';
import { operation as listIp } from '#functions/input-parameter/list-input-parameter.ts';
import { invoke } from '../../support/invoke.ts';
import { multipart } from '../../support/resource-fixtures.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { newPlan, releaseOk, resourceIn } from './fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  [root, other] = await Promise.all([testSession('root'), testSession('root', 'Other Org')]);
});

describe('DescribeResource', () => {
  it('at productTierVersion=1.0 stays as released after the resource is edited, and after it is deleted (with ProductTierId)', async () => {
    const p = await newPlan(root.token, root.orgId);
    const id = await resourceIn(p, 'Writer', { environmentVariables: [{ key: 'A', value: '1' }] });
    await releaseOk(p);
    const before = await invoke(describeResource, { token: root.token, params: { serviceId: p.serviceId, id } });
    const upd = await invoke(updateResource, { token: root.token, params: { serviceId: p.serviceId, id }, body: { description: 'edited', environmentVariables: [{ key: 'B', value: '2' }] } });
    expect(upd.status, upd.body).toBe(200);
    const at = (query: Record<string, string>, token = root.token) => invoke(describeResource, { token, params: { serviceId: p.serviceId, id }, query });
    const released = await at({ ProductTierVersion: '1.0' });
    expect(released.status, released.body).toBe(200);
    expect(released.json).toEqual(before.json);
    expect((await at({})).json.description).toBe('edited');
    const missing = await at({ ProductTierVersion: '2.0' });
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain('Version set not found');
    expect((await at({ ProductTierVersion: '1.0' }, other.token)).status).toBe(404);
    expect((await at({ ProductTierVersion: 'x'.repeat(65) })).status).toBe(400);

    expect((await invoke(deleteResource, { token: root.token, params: { serviceId: p.serviceId, id } })).status).toBe(200);
    expect((await at({ ProductTierVersion: '1.0' })).status).toBe(404);
    expect((await at({ ProductTierVersion: '1.0', ProductTierId: p.productTierId })).json).toEqual(before.json);
    expect((await at({ ProductTierVersion: '1.0', ProductTierId: p.productTierId }, other.token)).status).toBe(404);
  });
});

describe('ListResources', () => {
  it('at a version lists the resources that version released', async () => {
    const p = await newPlan(root.token, root.orgId);
    const first = await resourceIn(p, 'Writer');
    await releaseOk(p);
    await resourceIn(p, 'Reader');
    const list = (query: Record<string, string> = {}) => invoke(listResources, { token: root.token, params: { serviceId: p.serviceId, productTierId: p.productTierId }, query });
    expect((await list({ ProductTierVersion: '1.0' })).json.ids).toEqual([first]);
    expect((await list()).json.ids).toHaveLength(2);
    expect((await list({ ProductTierVersion: '3.0' })).status).toBe(404);
  });
});

describe('DescribeProductTier', () => {
  it('with version answers the tier as released', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    await releaseOk(p);
    await invoke(updateTier, { token: root.token, params: { serviceId: p.serviceId, id: p.productTierId }, body: { description: 'newer' } });
    const at = (query: Record<string, string>) => invoke(describeTier, { token: root.token, params: { serviceId: p.serviceId, id: p.productTierId }, query });
    expect((await at({ version: '1.0' })).json.description).toBe('a plan');
    expect((await at({})).json.description).toBe('newer');
    expect((await at({ version: '1.1' })).json.message).toContain('Version set not found');
  });
});

describe('GetFile', () => {
  it('at a version downloads the bytes released, after the content was replaced', async () => {
    const p = await newPlan(root.token, root.orgId);
    const id = await resourceIn(p, 'App');
    const up = multipart('port=5432\n');
    const meta = { name: 'app.conf', description: 'main config', filetype: 'CONFIG', mountpath: '/etc/app/app.conf' };
    const added = await invoke(addFile, { params: { serviceId: p.serviceId, id }, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
    expect(added.status, added.body).toBe(200);
    await releaseOk(p);
    const params = { serviceId: p.serviceId, id, fileId: added.json };
    const next = multipart('port=6432\n', 'other');
    expect((await invoke(updateFileContent, { params, rawBody: next.rawBody, headers: next.headers, token: root.token })).status).toBe(200);
    const get = (query: Record<string, string> = {}) => invoke(getFile, { params, query, token: root.token });
    expect(Buffer.from((await get()).body, 'base64').toString()).toBe('port=6432\n');
    const released = await get({ productTierVersion: '1.0' });
    expect(released.status, released.body).toBe(200);
    expect(Buffer.from(released.body, 'base64').toString()).toBe('port=5432\n');
    const files = await invoke(listFiles, { params: { serviceId: p.serviceId, id }, query: { productTierVersion: '1.0' }, token: root.token });
    expect(files.json.files).toMatchObject([{ fileId: added.json, size: 10 }]);
    expect((await get({ productTierVersion: '7.0' })).status).toBe(404);
  });
});

describe('DescribeInputParameter', () => {
  it('at a version answers the parameter as released; ListInputParameter too', async () => {
    const p = await newPlan(root.token, root.orgId);
    const rid = await resourceIn(p, 'Writer');
    const created = await invoke(createIp, {
      token: root.token,
      params: { serviceId: p.serviceId },
      body: { resourceId: rid, key: 'size', name: 'Size', description: 'VM size', type: 'String', required: false, modifiable: true },
    });
    expect(created.status, created.body).toBe(200);
    await releaseOk(p);
    await invoke(updateIp, { token: root.token, params: { serviceId: p.serviceId, id: created.json }, body: { description: 'changed' } });
    const at = await invoke(describeIp, { token: root.token, params: { serviceId: p.serviceId, id: created.json }, query: { ProductTierVersion: '1.0' } });
    expect(at.status, at.body).toBe(200);
    expect(at.json.description).toBe('VM size');
    const list = await invoke(listIp, { token: root.token, params: { serviceId: p.serviceId, resourceId: rid }, query: { ProductTierVersion: '1.0' } });
    expect(list.json.inputParameters.map((x: { description: string }) => x.description)).toEqual(['VM size']);
    expect((await invoke(describeIp, { token: other.token, params: { serviceId: p.serviceId, id: created.json }, query: { ProductTierVersion: '1.0' } })).status).toBe(404);
  });
});
