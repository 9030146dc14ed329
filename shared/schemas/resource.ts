/** Wire schemas of the resource-api group. Field names follow the reference; descriptions are our own. */
import { z } from 'zod';
import { freeForm, Id, list, NonEmpty, record, text } from '#shared/schemas/common.ts';
import {
  ActionHook,
  BlobStorageConfiguration,
  EnvironmentVariable,
  FileSystemConfiguration,
  ResourceCapability,
  RESOURCE_LIMITS,
  ResourceDependency,
  resourceConfigurationShape,
} from '#shared/schemas/resource-config.ts';

const EnvironmentVariables = list(EnvironmentVariable, RESOURCE_LIMITS.environmentVariables);

export const ServiceParams = z.object({ serviceId: Id });
export const ResourceParams = z.object({ serviceId: Id, id: Id });
export const TierResourcesParams = z.object({ serviceId: Id, productTierId: Id });
export const DependencyParams = z.object({ serviceId: Id, id: Id, resourceDependencyId: Id });
export const FileParams = z.object({ serviceId: Id, id: Id, fileId: Id });

/**
 * Version selectors on reads: with ProductTierVersion the answer comes from that version set's snapshot
 * (ProductTierId names the tier when the item is gone from the current definition); without, the current one.
 */
export const VersionQuery = z.object({
  ProductTierVersion: text(64).optional(),
  ProductTierId: text(128).optional(),
});

export const ListResourcesQuery = VersionQuery.extend({
  managed: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : undefined)),
});

export const CreateResourceRequest = z
  .object({
    name: NonEmpty.max(255),
    description: z.string().max(4096),
    productTierId: Id,
    key: z.string().trim().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must start with a letter and hold only letters, digits, - and _').optional(),
    resourceType: text(64).optional(),
    internal: z.boolean().optional(),
    isProxy: z.boolean().optional(),
    proxyType: text(64).optional(),
    environmentVariables: EnvironmentVariables.optional(),
    resourceDependencies: list(ResourceDependency, RESOURCE_LIMITS.dependencies).optional(),
    blobStorageConfiguration: BlobStorageConfiguration.optional(),
    fileSystemConfiguration: FileSystemConfiguration.optional(),
    ...resourceConfigurationShape,
  })
  .meta({ id: 'CreateResourceRequest' });

export const UpdateResourceRequest = z
  .object({
    name: NonEmpty.max(255).optional(),
    description: z.string().max(4096).optional(),
    environmentVariables: EnvironmentVariables.optional(),
    dependencies: list(ResourceDependency, RESOURCE_LIMITS.dependencies).optional(),
    ...resourceConfigurationShape,
  })
  .meta({ id: 'UpdateResourceRequest' });

export const ResourceIdResult = z.string().meta({ id: 'CreateResourceResult', description: 'The new resource id.' });

export const DescribeResourceResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    productTierId: z.string(),
    name: z.string(),
    key: z.string(),
    description: z.string(),
    resourceType: z.string(),
    internal: z.boolean(),
    isDeprecated: z.boolean(),
    proxyType: z.string().optional(),
    actionHooks: z.array(ActionHook),
    capabilities: z.array(ResourceCapability),
    dependencies: z.array(ResourceDependency),
    environmentVariables: z.array(EnvironmentVariable),
    blobStorageConfiguration: BlobStorageConfiguration.optional(),
    fileSystemConfiguration: FileSystemConfiguration.optional(),
    ...resourceConfigurationShape,
  })
  .meta({ id: 'DescribeResourceResult' });

export const ListResourcesResult = z
  .object({
    ids: z.array(z.string()),
    resources: z.array(DescribeResourceResult),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ListResourcesResult' });

export const AddResourceDependencyRequest = z
  .object({ parameterMap: record(text(RESOURCE_LIMITS.value), RESOURCE_LIMITS.entries).optional() })
  .meta({ id: 'AddResourceDependencyRequest' });

export const ListDependentResourcesResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    ids: z.array(z.string()),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ListDependentResourcesResult' });

export const RegisterActionHookRequest = z
  .object({
    scope: NonEmpty,
    type: NonEmpty,
    commandTemplate: z.string().trim().min(1, 'must not be empty').max(RESOURCE_LIMITS.commandTemplate, `must be at most ${RESOURCE_LIMITS.commandTemplate} characters`),
    customCommand: list(text(RESOURCE_LIMITS.value), RESOURCE_LIMITS.entries).optional(),
    customImage: text(2048).optional(),
  })
  .meta({ id: 'RegisterActionHookRequest' });

export const DeregisterActionHookRequest = z
  .object({ scope: NonEmpty, type: NonEmpty })
  .meta({ id: 'DeregisterActionHookRequest' });

export const ListActionHooksResult = z.object({ hooks: z.array(ActionHook) }).meta({ id: 'ListActionHooksResult' });

export const EnableResourceCapabilityRequest = z
  .object({
    capability: NonEmpty,
    configuration: freeForm(RESOURCE_LIMITS.json).optional(),
  })
  .meta({ id: 'EnableResourceCapabilityRequest' });

export const DisableResourceCapabilityRequest = z
  .object({ capability: NonEmpty })
  .meta({ id: 'DisableResourceCapabilityRequest' });

export const ListResourceCapabilitiesResult = z
  .object({ capabilities: z.array(ResourceCapability) })
  .meta({ id: 'ListResourceCapabilitiesResponse' });

export const SetEnvironmentVariablesRequest = z
  .object({ environmentVariables: EnvironmentVariables.min(1, 'must hold at least one variable') })
  .meta({ id: 'SetEnvironmentVariablesRequest' });

/** Only the keys matter when unsetting; a value, when sent, is ignored. */
export const UnsetEnvironmentVariablesRequest = z
  .object({
    environmentVariables: z
      .array(z.object({ key: z.string().trim().min(1, 'must not be empty').max(RESOURCE_LIMITS.short), value: text(RESOURCE_LIMITS.value).optional() }))
      .min(1, 'must hold at least one variable')
      .max(RESOURCE_LIMITS.environmentVariables, `must have at most ${RESOURCE_LIMITS.environmentVariables} items`),
  })
  .meta({ id: 'UnsetEnvironmentVariablesRequest' });

export const RegisterResourceMetricsConfigRequest = z
  .object({ metricEndpoint: NonEmpty.max(2048) })
  .meta({ id: 'RegisterResourceMetricsConfigRequest' });

export const DescribeResourceMetricsConfigResult = z
  .object({ id: z.string(), serviceId: z.string(), metricEndpoint: z.string() })
  .meta({ id: 'DescribeResourceMetricsConfigResult' });

export const FileQuery = z.object({
  productTierId: text(128).optional(),
  productTierVersion: text(64).optional(),
});

export const FileMetadata = z
  .object({
    fileId: z.string(),
    name: z.string(),
    description: z.string(),
    type: z.string(),
    mountPath: z.string(),
    size: z.number().int(),
    uploadTime: z.string(),
    uploadedBy: z.string(),
  })
  .meta({ id: 'FileMetadata' });

export const ListFilesResult = z.object({ files: z.array(FileMetadata) }).meta({ id: 'ListFilesResult' });

export const FileIdResult = z.string().meta({ id: 'AddFileResult', description: 'The new file id.' });

export const UpdateFileMetadataRequest = z
  .object({
    name: NonEmpty.max(255).optional(),
    description: z.string().max(4096).optional(),
    mountPath: NonEmpty.max(1024).optional(),
  })
  .meta({ id: 'UpdateFileMetadataRequest' });
