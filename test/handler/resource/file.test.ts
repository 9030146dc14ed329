/** AddFile, ListFiles, GetFile, UpdateFileContent, UpdateFileMetadata, RemoveFile (and DeleteResource removing files). */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as addFile } from '#functions/resource/add-file.ts';
import { operation as listFiles } from '#functions/resource/list-files.ts';
import { operation as getFile } from '#functions/resource/get-file.ts';
import { operation as updateFileContent } from '#functions/resource/update-file-content.ts';
import { operation as updateFileMetadata } from '#functions/resource/update-file-metadata.ts';
import { operation as removeFile } from '#functions/resource/remove-file.ts';
import { operation as createIp } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as describeIp } from '#functions/input-parameter/describe-input-parameter.ts';
import { blobs } from '#shared/blobs/index.ts';
import { getResourceFile as getFileItem } from '#shared/data/entities/resource-file.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { createOk, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  ({ root, other } = await resourceSessions());
});

const meta = { name: 'app.conf', description: 'main config', filetype: 'CONFIG', mountpath: '/etc/app/app.conf' };

/** A resource with one 10-byte file uploaded. */
async function uploaded() {
  const tier = await serviceWithTier(root.orgId);
  const id = await createOk(tier, { name: 'App' });
  const params = { serviceId: tier.serviceId, id };
  const up = multipart('port=5432\n');
  const added = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
  expect(added.status, added.body).toBe(200);
  const fileId = added.json as string;
  expect(fileId).toMatch(/^f-/);
  return { tier, id, params, fileId, fileParams: { ...params, fileId } };
}

const fileChanges = async (tier: TierFixture) =>
  (await changesOfTier(tier.serviceId, tier.productTierId)).filter((c) => c.changedEntity === 'file').map((c) => `${c.kind}:${c.detail ?? ''}`);

async function replaceContent(fileParams: Record<string, string>) {
  const next = multipart('port=6432\nmax=100\n', 'other');
  const upd = await invoke(updateFileContent, { params: fileParams, rawBody: next.rawBody, headers: next.headers, token: root.token });
  expect(upd.status, upd.body).toBe(200);
}

describe('AddFile', () => {
  it('uploads a file, stores its blob and records the change', async () => {
    const { tier, id, fileId } = await uploaded();
    const item = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    expect(Buffer.from((await blobs().get(item.blobKey))!).toString()).toBe('port=5432\n');
    expect(await fileChanges(tier)).toEqual(['NEW:']);
  });

  it('refuses oversize files, missing headers, non-multipart bodies and clashing mount paths', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'App' });
    const params = { serviceId: tier.serviceId, id };
    const big = multipart('x'.repeat(1024 * 1024 + 1));
    const tooBig = await invoke(addFile, { params, rawBody: big.rawBody, headers: { ...big.headers, ...meta }, token: root.token });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.message).toContain('limit is 1048576 bytes');
    const exact = multipart('x'.repeat(1024 * 1024));
    expect((await invoke(addFile, { params, rawBody: exact.rawBody, headers: { ...exact.headers, ...meta }, token: root.token })).status).toBe(200);

    const up = multipart('a');
    const { mountpath: _m, ...noMount } = meta;
    const missing = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...noMount }, token: root.token });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toBe('header MountPath is required');
    const json = await invoke(addFile, { params, body: { file: 'a' }, headers: meta, token: root.token });
    expect(json.status).toBe(400);
    expect(json.json.message).toContain('multipart/form-data');
    const relative = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta, mountpath: 'etc/x' }, token: root.token });
    expect(relative.status).toBe(400);
    const clash = await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toContain('/etc/app/app.conf');
    expect((await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: other.token })).status).toBe(404);
  });
});

describe('ListFiles', () => {
  it("lists a resource's files with their metadata, size and uploader", async () => {
    const { params, fileId } = await uploaded();
    const list = await invoke(listFiles, { params, token: root.token });
    expect(list.status).toBe(200);
    expect(list.json.files).toEqual([
      {
        fileId,
        name: 'app.conf',
        description: 'main config',
        type: 'CONFIG',
        mountPath: '/etc/app/app.conf',
        size: 10,
        uploadTime: expect.any(String),
        uploadedBy: root.email,
      },
    ]);
  });

  it('is invisible to another org', async () => {
    const { params } = await uploaded();
    expect((await invoke(listFiles, { params, token: other.token })).status).toBe(404);
  });
});

describe('GetFile', () => {
  it('downloads the content with its length', async () => {
    const { fileParams } = await uploaded();
    const got = await invoke(getFile, { params: fileParams, token: root.token });
    expect(got.status).toBe(200);
    expect(got.headers['content-length']).toBe('10');
    expect(got.headers['content-type']).toBe('text/plain');
    expect(Buffer.from(got.body, 'base64').toString()).toBe('port=5432\n');
  });
});

describe('UpdateFileContent', () => {
  it('replaces the content, drops the old blob and records the change', async () => {
    const { tier, id, fileId, fileParams } = await uploaded();
    const before = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    await replaceContent(fileParams);
    const after = await invoke(getFile, { params: fileParams, token: root.token });
    expect(Buffer.from(after.body, 'base64').toString()).toBe('port=6432\nmax=100\n');
    expect(after.headers['content-length']).toBe('18');
    // The replaced blob is gone.
    expect(await blobs().get(before.blobKey)).toBeUndefined();
    expect(await fileChanges(tier)).toEqual(['NEW:', 'UPDATE:content']);
  });
});

describe('UpdateFileMetadata', () => {
  it('renames and moves the file, keeping its description and content, and records the change', async () => {
    const { tier, params, fileParams } = await uploaded();
    await replaceContent(fileParams);
    const meta2 = await invoke(updateFileMetadata, { params: fileParams, body: { name: 'pg.conf', mountPath: '/etc/pg/pg.conf' }, token: root.token });
    expect(meta2.status).toBe(200);
    expect((await invoke(listFiles, { params, token: root.token })).json.files[0]).toMatchObject({ name: 'pg.conf', mountPath: '/etc/pg/pg.conf', description: 'main config', size: 18 });
    expect(await fileChanges(tier)).toEqual(['NEW:', 'UPDATE:content', 'UPDATE:metadata']);
  });
});

describe('RemoveFile', () => {
  it('removes the file and its blob; a second time is 404', async () => {
    const { tier, id, fileId, fileParams } = await uploaded();
    const current = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    expect((await invoke(removeFile, { params: fileParams, token: root.token })).status).toBe(200);
    expect(await blobs().get(current.blobKey)).toBeUndefined();
    const gone = await invoke(getFile, { params: fileParams, token: root.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('file not found');
    expect((await invoke(removeFile, { params: fileParams, token: root.token })).status).toBe(404);
  });
});

describe('DeleteResource', () => {
  it('goes away (with its blob) when its resource is deleted, with the resource parameters', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'App' });
    const params = { serviceId: tier.serviceId, id };
    const up = multipart('x=1');
    const fileId = (await invoke(addFile, { params, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token })).json;
    const ip = await invoke(createIp, {
      params: { serviceId: tier.serviceId },
      body: { resourceId: id, key: 'k', name: 'K', description: '', type: 'String', required: false, modifiable: true },
      token: root.token,
    });
    const file = await getFileItem(root.orgId, tier.serviceId, id, fileId);
    expect((await invoke(deleteResource, { params, token: root.token })).status).toBe(200);
    expect(await blobs().get(file.blobKey)).toBeUndefined();
    expect((await invoke(describeIp, { params: { serviceId: tier.serviceId, id: ip.json }, token: root.token })).status).toBe(404);
    // Name, key and mount path are free again in the tier.
    const again = await createOk(tier, { name: 'App' });
    const re = await invoke(addFile, { params: { ...params, id: again }, rawBody: up.rawBody, headers: { ...up.headers, ...meta }, token: root.token });
    expect(re.status).toBe(200);
  });
});
