/**
 * A product tier's whole current definition, read in one place: the tier item, its resources, and each
 * resource's input parameters, output parameters and file metadata. What releases snapshot, what pending
 * changes are computed against, what a discard restores into and what environment promotion copies.
 *
 * The children are listed through gsi1 (keyed by their parent), which is eventually consistent in AWS, so the
 * read is checked against the consistent counters on the tier (`resourceCount`) and on each resource
 * (`inputParameterCount`, `outputParameterCount`, `fileCount`), and read again while an index is behind. A
 * definition that keeps changing under the read ends in 409 "retry", never in a silently partial snapshot.
 */
import { withRetry } from '#shared/data/store.ts';
import { Conflict } from '#shared/errors.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { resourcesOfTier, type ResourceItem } from '#shared/data/entities/resource.ts';
import { inputParametersOfResource, type InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import { outputParametersOfResource, type OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import { filesOfResource, type FileItem } from '#shared/data/entities/resource-file.ts';

export interface ResourceDefinition {
  resource: ResourceItem;
  /** In creation order. */
  inputParameters: InputParameterItem[];
  outputParameters: OutputParameterItem[];
  files: FileItem[];
}

export interface TierDefinition {
  tier: ProductTierItem;
  /** In creation order. */
  resources: ResourceDefinition[];
}

/** An index answered fewer or more children than the parent's counter says: read again. */
class DefinitionBehind extends Error {
  override readonly name = 'DefinitionBehind';
  constructor() {
    super('a definition index is behind its counters');
  }
}

/** The tier's current definition in the caller's org (404 `product tier` otherwise). */
export async function loadTierDefinition(orgId: string, serviceId: string, productTierId: string): Promise<TierDefinition> {
  try {
    return await withRetry(() => readOnce(orgId, serviceId, productTierId), { retries: 10, retryOn: (e) => e instanceof DefinitionBehind });
  } catch (e) {
    if (e instanceof DefinitionBehind) throw new Conflict('the plan definition is changing under this request; retry it');
    throw e;
  }
}

async function readOnce(orgId: string, serviceId: string, productTierId: string): Promise<TierDefinition> {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const resources = (await resourcesOfTier(serviceId, productTierId)).filter((r) => r.orgId === orgId && r.entity === 'resource');
  if (resources.length !== ((tier as { resourceCount?: number }).resourceCount ?? resources.length)) throw new DefinitionBehind();
  const defs = await Promise.all(resources.map((r) => readResource(r)));
  return { tier, resources: defs };
}

async function readResource(resource: ResourceItem): Promise<ResourceDefinition> {
  const [inputParameters, outputParameters, files] = await Promise.all([
    inputParametersOfResource(resource.serviceId, resource.resourceId),
    outputParametersOfResource(resource.serviceId, resource.resourceId),
    filesOfResource(resource.serviceId, resource.resourceId),
  ]);
  if (
    inputParameters.length !== (resource.inputParameterCount ?? 0) ||
    outputParameters.length !== (resource.outputParameterCount ?? 0) ||
    files.length !== (resource.fileCount ?? 0)
  ) {
    throw new DefinitionBehind();
  }
  return { resource, inputParameters, outputParameters, files };
}
