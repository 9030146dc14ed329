/**
 * A resource of a product tier: `RES#<id>` in its service's partition.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import type { ResourceConfiguration } from '#shared/schemas/resource-config.ts';
import type { ActionHookValue, CapabilityValue, EnvVar } from '#shared/domain/resources.ts';

export interface Dependency {
  resourceId: string;
  parameterMap?: Record<string, string>;
}

export interface ResourceItem extends Stored, ResourceConfiguration {
  entity: 'resource';
  orgId: string;
  serviceId: string;
  environmentId: string;
  serviceApiId: string;
  serviceModelId: string;
  productTierId: string;
  resourceId: string;
  name: string;
  key: string;
  description: string;
  resourceType: string;
  proxyType?: string;
  internal: boolean;
  isProxy: boolean;
  isDeprecated: boolean;
  dependencies: Dependency[];
  actionHooks: ActionHookValue[];
  capabilities: CapabilityValue[];
  environmentVariables: EnvVar[];
  metricsConfig?: { metricEndpoint: string };
  blobStorageConfiguration?: { GCSConfiguration?: Record<string, unknown>; S3Configuration?: Record<string, unknown> };
  fileSystemConfiguration?: { EFSFileSystemConfiguration?: { PerformanceMode: string; ThroughputMode: string; ProvisionedThroughputInMibps?: number } };
}

/** A resource of the caller's org, or 404. */
export async function getResource(orgId: string, serviceId: string, id: string): Promise<ResourceItem> {
  const item = await getItem<ResourceItem>(keys.resource(serviceId, id));
  if (!item || item.orgId !== orgId || item.entity !== 'resource') throw new NotFound('resource');
  return item;
}

/** Every resource of a tier: one Query on the service partition, in creation order. */
export async function resourcesOfTier(serviceId: string, tierId: string): Promise<ResourceItem[]> {
  const all = await queryAll<ResourceItem>(keys.resourcesOfService(serviceId));
  return all.filter((r) => r.productTierId === tierId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.resourceId.localeCompare(b.resourceId));
}

/** The parent touch of a child of the resource (its parameters and files). */
export function resourceTouch(orgId: string, serviceId: string, resourceId: string): Touch {
  return { key: keys.resource(serviceId, resourceId), orgId, entity: 'resource' };
}
