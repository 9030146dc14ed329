/**
 * Configuration file use cases: AddFile, ListFiles, GetFile, UpdateFileContent, UpdateFileMetadata, RemoveFile.
 * A new upload is written to its own blob before the item points at it, and the old blob is removed only
 * after the item moved on, so a reader never sees a missing or half-written file.
 */
import type { z } from 'zod';
import { advance, commit, stamp, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import { serviceTouch } from '#shared/data/entities/service.ts';
import {
  fileCounter,
  fileKey,
  fileListing,
  filesOfResource,
  getResourceFile,
  mountPathGuard,
  newBlobKey,
  type FileItem,
} from '#shared/data/entities/resource-file.ts';
import { changeRecord, type ChangeKind } from '#shared/data/entities/change-record.ts';
import { NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { checkFileSize, fileView, mountPath } from '#shared/domain/resource-files.ts';
import type { ListFilesResult } from '#shared/schemas/resource.ts';
import { blobs } from '#shared/blobs/index.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { dropBlobs } from '#shared/use-cases/resource/cascade.ts';
import { atVersion, fileAtVersion, resourceAtVersion, type AtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';

export interface FileContent {
  body: Buffer;
  contentType?: string;
}

export interface FileMetadataInput {
  name: string;
  description: string;
  type: string;
  mountPath: string;
}

function fileChange(caller: Caller, f: FileItem, kind: ChangeKind, detail?: string) {
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

/** The file of a resource of the caller's org (404 `resource`, then 404 `file`). */
async function fileOf(caller: Caller, serviceId: string, resourceId: string, fileId: string): Promise<FileItem> {
  await getResource(caller.orgId, serviceId, resourceId);
  return getResourceFile(caller.orgId, serviceId, resourceId, fileId);
}

/** Mount paths are unique within the resource; at most 1 MiB, MAX_FILES_PER_RESOURCE files per resource. */
export async function addFile(caller: Caller, serviceId: string, resourceId: string, meta: FileMetadataInput, content: FileContent): Promise<string> {
  const owner = await getResource(caller.orgId, serviceId, resourceId);
  checkFileSize(content.body.length);
  const fileId = newId(ID_PREFIX.file);
  const stamped = stamp({
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
    mountPath: mountPath(meta.mountPath),
    size: content.body.length,
    contentType: content.contentType || 'application/octet-stream',
    blobKey: newBlobKey(serviceId, fileId),
    uploadedBy: caller.email,
  });
  const item: FileItem = { ...stamped, uploadTime: stamped.createdAt, ...fileListing(serviceId, resourceId, stamped.createdAt, fileId) };
  await blobs().put(item.blobKey, content.body, item.contentType);
  try {
    await withRetry(() =>
      commit({
        puts: [{ item }],
        counters: [fileCounter(caller.orgId, serviceId, resourceId, 1)],
        touches: [serviceTouch(caller.orgId, serviceId)],
        guardsAdd: [{ guard: mountPathGuard(serviceId, resourceId, item.mountPath, fileId), owner: item }],
        appends: [fileChange(caller, item, 'NEW')],
      }),
    );
  } catch (e) {
    await dropBlobs([item.blobKey]);
    throw e;
  }
  return fileId;
}

export async function listFiles(caller: Caller, serviceId: string, resourceId: string, at?: AtVersion): Promise<z.input<typeof ListFilesResult>> {
  if (atVersion(at)) return { files: (await resourceAtVersion(caller.orgId, serviceId, resourceId, at)).files.map(fileView) };
  await getResource(caller.orgId, serviceId, resourceId);
  const files = (await filesOfResource(serviceId, resourceId)).filter((f) => f.orgId === caller.orgId);
  return { files: files.map(fileView) };
}

/** The bytes and what a download needs to name them. */
export async function getFile(
  caller: Caller,
  serviceId: string,
  resourceId: string,
  fileId: string,
  at?: AtVersion,
): Promise<{ name: string; contentType: string; body: Buffer }> {
  if (atVersion(at)) {
    const { file: released, body } = await fileAtVersion(caller.orgId, serviceId, resourceId, fileId, at);
    return { name: released.name, contentType: released.contentType, body };
  }
  const file = await fileOf(caller, serviceId, resourceId, fileId);
  let body = await blobs().get(file.blobKey);
  let current = file;
  // The item is written only after its blob, so a missing blob means it was replaced since the read: read again.
  if (!body) {
    current = await getResourceFile(caller.orgId, serviceId, resourceId, fileId);
    body = current.blobKey !== file.blobKey ? await blobs().get(current.blobKey) : undefined;
    if (!body) throw new NotFound('file content');
  }
  return { name: current.name, contentType: current.contentType, body };
}

export async function updateFileContent(caller: Caller, serviceId: string, resourceId: string, fileId: string, content: FileContent): Promise<void> {
  const before = await fileOf(caller, serviceId, resourceId, fileId);
  checkFileSize(content.body.length);
  const blobKey = newBlobKey(serviceId, fileId);
  const contentType = content.contentType || before.contentType;
  await blobs().put(blobKey, content.body, contentType);
  let replaced: string;
  try {
    replaced = await withRetry(async () => {
      const current = await getResourceFile(caller.orgId, serviceId, resourceId, fileId);
      const next = advance(current, { ...current, blobKey, contentType, size: content.body.length, uploadTime: new Date().toISOString(), uploadedBy: caller.email });
      await commit({ puts: [{ item: next, expectVersion: current.version }], appends: [fileChange(caller, next, 'UPDATE', 'content')] });
      return current.blobKey;
    });
  } catch (e) {
    await dropBlobs([blobKey]);
    throw e;
  }
  await dropBlobs([replaced]);
}

export async function updateFileMetadata(
  caller: Caller,
  serviceId: string,
  resourceId: string,
  fileId: string,
  input: Partial<Pick<FileItem, 'name' | 'description' | 'mountPath'>>,
): Promise<void> {
  await getResource(caller.orgId, serviceId, resourceId);
  await withRetry(async () => {
    const current = await getResourceFile(caller.orgId, serviceId, resourceId, fileId);
    const updated: FileItem = { ...current };
    if (input.name !== undefined) updated.name = input.name;
    if (input.description !== undefined) updated.description = input.description;
    const plan: TransactionPlan = {};
    if (input.mountPath !== undefined) {
      updated.mountPath = mountPath(input.mountPath);
      if (updated.mountPath !== current.mountPath) {
        plan.guardsAdd = [{ guard: mountPathGuard(serviceId, resourceId, updated.mountPath, fileId), owner: current }];
        plan.guardsRemove = [mountPathGuard(serviceId, resourceId, current.mountPath, fileId).key];
      }
    }
    if (updated.name === current.name && updated.description === current.description && updated.mountPath === current.mountPath) return;
    const next = advance(current, updated);
    await commit({ ...plan, puts: [{ item: next, expectVersion: current.version }], appends: [fileChange(caller, next, 'UPDATE', 'metadata')] });
  });
}

export async function removeFile(caller: Caller, serviceId: string, resourceId: string, fileId: string): Promise<void> {
  await getResource(caller.orgId, serviceId, resourceId);
  const blobKey = await withRetry(async () => {
    const current = await getResourceFile(caller.orgId, serviceId, resourceId, fileId);
    await commit({
      deletes: [{ key: fileKey(serviceId, fileId), version: current.version }],
      counters: [fileCounter(caller.orgId, serviceId, resourceId, -1)],
      guardsRemove: [mountPathGuard(serviceId, resourceId, current.mountPath, fileId).key],
      appends: [fileChange(caller, current, 'DELETE')],
    });
    return current.blobKey;
  });
  await dropBlobs([blobKey]);
}
