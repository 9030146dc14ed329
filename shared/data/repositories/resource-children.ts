/**
 * What a resource owns besides its own item — parameters and files — gathered for DeleteResource, which
 * removes them in the same transaction (and the file blobs right after).
 */
import { deleteResource, type ResourceChildren } from '#shared/data/repositories/resources.ts';
import { parameterChildren } from '#shared/data/repositories/parameters.ts';
import { dropBlob, fileChildren } from '#shared/data/repositories/files.ts';
import type { Caller } from '#shared/auth/caller.ts';

export async function resourceChildren(serviceId: string, resourceId: string): Promise<ResourceChildren> {
  const [params, files] = await Promise.all([parameterChildren(serviceId, resourceId), fileChildren(serviceId, resourceId)]);
  return {
    deletes: [...params.deletes, ...files.deletes],
    guards: [...params.guards, ...files.guards],
    blobKeys: files.blobKeys,
    referencingParameters: params.referencingParameters,
  };
}

/** DeleteResource: the resource with its parameters and files in one transaction, then the file blobs. */
export async function deleteResourceWithChildren(caller: Caller, serviceId: string, resourceId: string): Promise<void> {
  const blobKeys = await deleteResource(caller, serviceId, resourceId, resourceChildren);
  await Promise.all(blobKeys.map((k) => dropBlob(k)));
}
