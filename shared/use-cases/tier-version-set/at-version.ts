/**
 * Reads "at a version": what the describes and lists that take `ProductTierVersion` answer from when it is
 * given — the version set's snapshot, never the current definition (so editing a resource after a release
 * leaves the released version as it was). An unknown version is 404 `Version set not found`.
 *
 * The tier of a resource (or parameter, or file) comes from the request's `ProductTierId` when given, else
 * from the current item; something deleted since the release is found only with `ProductTierId`.
 */
import { NotFound } from '#shared/errors.ts';
import { blobs } from '#shared/blobs/index.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { findResource } from '#shared/data/entities/resource.ts';
import { findParameter, type ParameterBase, type ParameterKind } from '#shared/data/entities/parameter.ts';
import { getVersionSet, snapshotResource, type SnapshotResource } from '#shared/data/entities/tier-version-set.ts';
import type { FileItem } from '#shared/data/entities/resource-file.ts';
import { releasedDefinition } from '#shared/use-cases/tier-version-set/release.ts';

/** The version a read names: `version` (the tier version) and, optionally, the tier it belongs to. */
export interface AtVersion {
  version?: string;
  productTierId?: string;
}

/** Whether a read asks for a version (an empty ProductTierVersion means the current definition). */
export const atVersion = (at: AtVersion | undefined): at is AtVersion & { version: string } => Boolean(at?.version?.trim());

/** The tier as `version` released it. */
export async function tierAtVersion(orgId: string, serviceId: string, productTierId: string, version: string): Promise<ProductTierItem> {
  const [set] = await Promise.all([getVersionSet(orgId, serviceId, productTierId, version.trim()), getProductTier(orgId, serviceId, productTierId)]);
  return set.tier;
}

async function tierOf(orgId: string, serviceId: string, resourceId: string, at: AtVersion): Promise<string> {
  if (at.productTierId?.trim()) return at.productTierId.trim();
  const current = await findResource(serviceId, resourceId);
  if (!current || current.orgId !== orgId) throw new NotFound('resource');
  return current.productTierId;
}

/** One resource of the tier as `version` released it, with its parameters and files (404 `resource` when it holds none). */
export async function resourceAtVersion(
  orgId: string,
  serviceId: string,
  resourceId: string,
  at: AtVersion & { version: string },
): Promise<SnapshotResource & { fileBlobs: Record<string, string> }> {
  const productTierId = await tierOf(orgId, serviceId, resourceId, at);
  const [set] = await Promise.all([getVersionSet(orgId, serviceId, productTierId, at.version.trim()), getProductTier(orgId, serviceId, productTierId)]);
  const found = await snapshotResource(set, resourceId);
  if (!found || found.resource.orgId !== orgId) throw new NotFound('resource');
  return found;
}

/** Every resource of the tier as `version` released it, in tier order. */
export async function resourcesAtVersion(orgId: string, serviceId: string, productTierId: string, version: string): Promise<SnapshotResource[]> {
  return (await releasedDefinition(orgId, serviceId, productTierId, version.trim())).definition.resources;
}

/** A parameter as `version` released it (found through its resource, or the whole snapshot when it is gone). */
export async function parameterAtVersion<T extends ParameterBase>(
  kind: ParameterKind,
  orgId: string,
  serviceId: string,
  parameterId: string,
  at: AtVersion & { version: string },
): Promise<T> {
  const field = kind === 'input' ? 'inputParameters' : 'outputParameters';
  const current = await findParameter(kind, serviceId, parameterId);
  let resources: SnapshotResource[];
  if (current && current.orgId === orgId) resources = [await resourceAtVersion(orgId, serviceId, current.resourceId, { ...at, productTierId: at.productTierId ?? current.productTierId })];
  else if (at.productTierId?.trim()) resources = await resourcesAtVersion(orgId, serviceId, at.productTierId.trim(), at.version);
  else throw new NotFound(kind === 'input' ? 'input parameter' : 'output parameter');
  const found = resources.flatMap((r) => r[field] as ParameterBase[]).find((p) => p.parameterId === parameterId);
  if (!found) throw new NotFound(kind === 'input' ? 'input parameter' : 'output parameter');
  return found as T;
}

/** A file as `version` released it, with the bytes the release kept. */
export async function fileAtVersion(
  orgId: string,
  serviceId: string,
  resourceId: string,
  fileId: string,
  at: AtVersion & { version: string },
): Promise<{ file: FileItem; body: Buffer }> {
  const r = await resourceAtVersion(orgId, serviceId, resourceId, at);
  const file = r.files.find((f) => f.fileId === fileId);
  const key = r.fileBlobs[fileId];
  const body = file && key ? await blobs().get(key) : undefined;
  if (!file) throw new NotFound('file');
  if (!body) throw new NotFound('file content');
  return { file, body };
}
