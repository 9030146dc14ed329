/**
 * A configuration file of a resource: metadata in `FILE#<fileId>` (service partition, with resourceId and
 * productTierId; listed under the resource on gsi1 `SVC#<sid>#RES#<rid>#FILE`), bytes in the blob store under a
 * key unique per upload. Mount paths are unique within the resource (`UNIQUE#FILEPATH#<resourceId>#<path>`);
 * files are counted on the resource (`fileCount`, at most MAX_FILES_PER_RESOURCE).
 */
import { randomBytes } from 'node:crypto';
import { keys, TREE } from '#shared/data/keys.ts';
import { getItem, queryAll, type Guard, type Key, type Stored } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';

export const MAX_FILES_PER_RESOURCE = 100;

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
  gsi1pk: string;
  gsi1sk: string;
}

export const fileKey = (serviceId: string, fileId: string): Key => keys.file(serviceId, fileId);

export const fileListing = (serviceId: string, resourceId: string, createdAt: string, fileId: string) =>
  keys.resourceChildListing(serviceId, resourceId, TREE.file, createdAt, fileId);

export function mountPathGuard(serviceId: string, resourceId: string, mountPath: string, fileId: string): Guard {
  return {
    key: keys.fileMountPathGuard(serviceId, resourceId, mountPath),
    conflict: `a file is already mounted at ${mountPath} on this resource`,
    attributes: { fileId },
  };
}

/** A fresh blob key for one upload of the file. */
export const newBlobKey = (serviceId: string, fileId: string) => `files/${serviceId}/${fileId}/${randomBytes(8).toString('hex')}`;

export function fileCounter(orgId: string, serviceId: string, resourceId: string, by: 1 | -1) {
  return {
    key: keys.resource(serviceId, resourceId),
    add: { fileCount: by },
    entity: 'resource',
    orgId,
    ...(by > 0
      ? { atMost: { max: MAX_FILES_PER_RESOURCE, failure: new Conflict(`a resource holds at most ${MAX_FILES_PER_RESOURCE} files`) } }
      : {}),
  };
}

/** A file of the resource in the path, in the caller's org, or 404 `file`. */
export async function getResourceFile(orgId: string, serviceId: string, resourceId: string, fileId: string): Promise<FileItem> {
  const item = await getItem<FileItem>(fileKey(serviceId, fileId));
  if (!item || item.orgId !== orgId || item.entity !== 'file' || item.resourceId !== resourceId) throw new NotFound('file');
  return item;
}

/** The files of a resource in creation order (gsi1, every page; eventually consistent). */
export function filesOfResource(serviceId: string, resourceId: string): Promise<FileItem[]> {
  return queryAll<FileItem>(keys.childrenOfResource(serviceId, resourceId, TREE.file));
}
