/**
 * Configuration files of a resource: metadata in the item `FILE#<fileId>` (service partition, with
 * resourceId and productTierId), bytes in the blob store under a key unique per upload. A new upload is
 * written to its own blob before the item points at it, and the old blob is removed only after the item
 * moved on, so a reader never sees a missing or half-written file.
 */
import { randomBytes } from 'node:crypto';
import { keys, TREE } from '#shared/data/keys.ts';
import { getItem, queryAll, stamp, type Guard, type Key, type Stored } from '#shared/data/store.ts';
import { commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { changeRecord, type ChangeKind } from '#shared/data/repositories/change-log.ts';
import { getResource } from '#shared/data/repositories/resources.ts';
import { BadRequest, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { blobs } from '#shared/blobs/index.ts';
import { logger } from '#shared/logger.ts';
import type { Caller } from '#shared/auth/caller.ts';

/** Configuration files are small; anything bigger belongs in an image or a volume. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface FileItem extends Stored {
  entity: 'file';
  orgId: string;
  serviceId: string;
  productTierId: string;
  resourceId: string;
  fileId: string;
  name: string;
  description: string;
  type: string;
  mountPath: string;
  size: number;
  contentType: string;
  blobKey: string;
  uploadTime: string;
  uploadedBy: string;
}

export interface FileContent {
  body: Buffer;
  contentType?: string;
}

const fileKey = keys.file;
const resourceKey = keys.resource;
const mountGuard = (serviceId: string, resourceId: string, mountPath: string): Guard => ({
  key: keys.fileMountPathGuard(serviceId, resourceId, mountPath),
  conflict: `a file is already mounted at ${mountPath} on this resource`,
});
const blobKeyFor = (serviceId: string, fileId: string) => `files/${serviceId}/${fileId}/${randomBytes(8).toString('hex')}`;

function checkSize(content: FileContent): void {
  if (content.body.length > MAX_FILE_BYTES) {
    throw new BadRequest(`file is ${content.body.length} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)`);
  }
}

export function checkMountPath(mountPath: string): string {
  const p = mountPath.trim();
  if (!p.startsWith('/') || p.includes('\0') || p.split('/').includes('..')) {
    throw new BadRequest('MountPath must be an absolute path without ".." segments');
  }
  return p;
}

function record(caller: Caller, f: FileItem, kind: ChangeKind, detail?: string) {
  return changeRecord({
    orgId: f.orgId,
    serviceId: f.serviceId,
    productTierId: f.productTierId,
    entity: 'file',
    id: f.fileId,
    resourceId: f.resourceId,
    kind,
    detail,
    by: caller.userId,
  });
}

/** Removing a blob that no item points at any more; a failure only leaves garbage, never breaks a read. */
export async function dropBlob(key: string): Promise<void> {
  try {
    await blobs().delete(key);
  } catch (e) {
    logger.warn('could not remove an unused blob', { key, error: String(e) });
  }
}

export async function getFile(orgId: string, serviceId: string, resourceId: string, fileId: string): Promise<FileItem> {
  await getResource(orgId, serviceId, resourceId);
  const item = await getItem<FileItem>(fileKey(serviceId, fileId));
  if (!item || item.orgId !== orgId || item.entity !== 'file' || item.resourceId !== resourceId) throw new NotFound('file');
  return item;
}

export interface FileMetadataInput {
  name: string;
  description: string;
  type: string;
  mountPath: string;
}

export async function addFile(caller: Caller, serviceId: string, resourceId: string, meta: FileMetadataInput, content: FileContent): Promise<FileItem> {
  const owner = await getResource(caller.orgId, serviceId, resourceId);
  checkSize(content);
  const fileId = newId(ID_PREFIX.file);
  const now = new Date().toISOString();
  const item = stamp({
    ...fileKey(serviceId, fileId),
    entity: 'file' as const,
    orgId: caller.orgId,
    serviceId,
    productTierId: owner.productTierId,
    resourceId,
    fileId,
    name: meta.name,
    description: meta.description,
    type: meta.type,
    mountPath: checkMountPath(meta.mountPath),
    size: content.body.length,
    contentType: content.contentType || 'application/octet-stream',
    blobKey: blobKeyFor(serviceId, fileId),
    uploadTime: now,
    uploadedBy: caller.email,
  }) as FileItem;
  await blobs().put(item.blobKey, content.body, item.contentType);
  try {
    await withRetry(() =>
      commit({
        puts: [{ item: item as unknown as Key & Record<string, unknown> }],
        touches: [
          { key: resourceKey(serviceId, resourceId), orgId: caller.orgId, entity: 'resource' },
          { key: keys.service(serviceId), orgId: caller.orgId, entity: 'service' },
        ],
        guardsAdd: [{ guard: { ...mountGuard(serviceId, resourceId, item.mountPath), attributes: { fileId } }, owner: item }],
        appends: [record(caller, item, 'NEW')],
      }),
    );
  } catch (e) {
    await dropBlob(item.blobKey);
    throw e;
  }
  return item;
}

export async function updateFileContent(caller: Caller, serviceId: string, resourceId: string, fileId: string, content: FileContent): Promise<void> {
  const before = await getFile(caller.orgId, serviceId, resourceId, fileId);
  checkSize(content);
  const blobKey = blobKeyFor(serviceId, fileId);
  const contentType = content.contentType || before.contentType;
  await blobs().put(blobKey, content.body, contentType);
  let replaced: string;
  try {
    replaced = await withRetry(async () => {
      const current = await getFile(caller.orgId, serviceId, resourceId, fileId);
      const updated: FileItem = {
        ...current,
        blobKey,
        contentType,
        size: content.body.length,
        uploadTime: new Date().toISOString(),
        uploadedBy: caller.email,
        version: current.version + 1,
        updatedAt: new Date().toISOString(),
      };
      await commit({
        puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }],
        appends: [record(caller, updated, 'UPDATE', 'content')],
      });
      return current.blobKey;
    });
  } catch (e) {
    await dropBlob(blobKey);
    throw e;
  }
  await dropBlob(replaced);
}

export async function updateFileMetadata(
  caller: Caller,
  serviceId: string,
  resourceId: string,
  fileId: string,
  input: Partial<Pick<FileItem, 'name' | 'description' | 'mountPath'>>,
): Promise<void> {
  await withRetry(async () => {
    const current = await getFile(caller.orgId, serviceId, resourceId, fileId);
    const updated: FileItem = { ...current, version: current.version + 1, updatedAt: new Date().toISOString() };
    if (input.name !== undefined) updated.name = input.name;
    if (input.description !== undefined) updated.description = input.description;
    const plan: TransactionPlan = {};
    if (input.mountPath !== undefined) {
      updated.mountPath = checkMountPath(input.mountPath);
      if (updated.mountPath !== current.mountPath) {
        plan.guardsAdd = [{ guard: { ...mountGuard(serviceId, resourceId, updated.mountPath), attributes: { fileId } }, owner: current }];
        plan.guardsRemove = [mountGuard(serviceId, resourceId, current.mountPath).key];
      }
    }
    if (updated.name === current.name && updated.description === current.description && updated.mountPath === current.mountPath) return;
    await commit({
      ...plan,
      puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }],
      appends: [record(caller, updated, 'UPDATE', 'metadata')],
    });
  });
}

export async function removeFile(caller: Caller, serviceId: string, resourceId: string, fileId: string): Promise<void> {
  const blobKey = await withRetry(async () => {
    const current = await getFile(caller.orgId, serviceId, resourceId, fileId);
    await commit({
      deletes: [{ key: fileKey(serviceId, fileId), version: current.version }],
      guardsRemove: [mountGuard(serviceId, resourceId, current.mountPath).key],
      appends: [record(caller, current, 'DELETE')],
    });
    return current.blobKey;
  });
  await dropBlob(blobKey);
}

export async function readFileContent(orgId: string, serviceId: string, resourceId: string, fileId: string): Promise<{ file: FileItem; body: Buffer }> {
  const file = await getFile(orgId, serviceId, resourceId, fileId);
  const body = await blobs().get(file.blobKey);
  // The item is written only after its blob, so a missing blob means it was replaced since the read: read again.
  if (!body) {
    const again = await getFile(orgId, serviceId, resourceId, fileId);
    const retry = again.blobKey !== file.blobKey ? await blobs().get(again.blobKey) : undefined;
    if (!retry) throw new NotFound('file content');
    return { file: again, body: retry };
  }
  return { file, body };
}

export async function listFiles(orgId: string, serviceId: string, resourceId: string): Promise<FileItem[]> {
  await getResource(orgId, serviceId, resourceId);
  const all = await queryAll<FileItem>(keys.filesOfService(serviceId));
  return all
    .filter((f) => f.resourceId === resourceId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.fileId.localeCompare(b.fileId));
}

/** File items (with their guards and blobs) of a resource, for the resource's delete. */
export async function fileChildren(serviceId: string, resourceId: string) {
  const all = await queryAll<FileItem>(keys.filesOfService(serviceId));
  const own = all.filter((f) => f.resourceId === resourceId);
  return {
    deletes: own.map((f) => ({ key: fileKey(serviceId, f.fileId), version: f.version })),
    guards: own.map((f) => mountGuard(serviceId, resourceId, f.mountPath).key),
    blobKeys: own.map((f) => f.blobKey),
  };
}

export function describeFile(f: FileItem) {
  return {
    fileId: f.fileId,
    name: f.name,
    description: f.description,
    type: f.type,
    mountPath: f.mountPath,
    size: f.size,
    uploadTime: f.uploadTime,
    uploadedBy: f.uploadedBy,
  };
}
