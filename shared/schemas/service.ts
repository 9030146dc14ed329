/** Wire schemas of the service operations (names follow the reference; descriptions are our own; bounds: docs/limits.md). */
import { z } from 'zod';
import { LIMITS, listResult, NonEmpty, text } from '#shared/schemas/common.ts';
import { EnvironmentTypeInput } from '#shared/schemas/service-environment.ts';

const LogoUrl = text(LIMITS.url)
  .trim()
  .refine((s) => s === '' || URL.canParse(s), 'must be an absolute URL')
  .meta({ description: 'Logo image URL shown for the service.' });

export const CreateServiceRequest = z
  .object({
    name: NonEmpty.meta({ description: 'Service name, unique in the org.' }),
    description: text(LIMITS.description).meta({ description: 'What the service is.' }),
    serviceLogoURL: LogoUrl.optional(),
  })
  .meta({ id: 'CreateServiceRequest' });

export const UpdateServiceRequest = z
  .object({
    name: NonEmpty.optional(),
    description: text(LIMITS.description).optional(),
    serviceLogoURL: LogoUrl.optional(),
  })
  .meta({ id: 'UpdateServiceRequest' });

export const ServicePlan = z
  .object({
    productTierID: z.string(),
    name: z.string(),
    description: z.string(),
    tierType: z.string().meta({ description: 'OMNISTRATE_DEDICATED_TENANCY, OMNISTRATE_MULTI_TENANCY or CUSTOM.' }),
    modelType: z.string().meta({ description: 'OMNISTRATE_HOSTED, CUSTOMER_HOSTED or BYOA.' }),
  })
  .meta({ id: 'ServicePlan' });

export const ServiceEnvironment = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string().meta({ description: 'DEV, QA, STAGING, CANARY, PROD or PRIVATE.' }),
    visibility: z.string().meta({ description: 'PUBLIC or PRIVATE.' }),
    sourceEnvironmentID: z.string().meta({ description: 'Environment promoted into this one; empty when none.' }),
    sourceEnvironmentName: z.string(),
    promoteStatus: z.string().meta({ description: 'IN_SYNC, OUT_OF_SYNC or UNKNOWN.' }),
    saasPortalStatus: z.string(),
    saasPortalUrl: z.string(),
    servicePlans: z.array(ServicePlan),
  })
  .meta({ id: 'ServiceEnvironment' });

export const DescribeServiceResult = z
  .object({
    id: z.string(),
    name: z.string(),
    key: z.string().meta({ description: 'URL-safe key derived from the name, unique in the org.' }),
    description: z.string(),
    serviceLogoURL: z.string(),
    createdAt: z.string(),
    roleType: z.string().meta({ description: 'Role of the caller.' }),
    serviceProviderID: z.string(),
    serviceProviderName: z.string(),
    serviceEnvironments: z.array(ServiceEnvironment),
  })
  .meta({ id: 'DescribeServiceResult' });

export const ListServiceResult = listResult('ListServiceResult', { name: 'services', item: DescribeServiceResult });

export const ReportHealthResult = z
  .object({
    id: z.string(),
    health: z.string().meta({ description: 'HEALTHY, UNHEALTHY, UNKNOWN, STOPPED or N/A.' }),
    report: z.record(z.string(), z.unknown()).meta({ description: 'Health per environment id.' }),
  })
  .meta({ id: 'ReportHealthResult' });

// ------------------------------------------------------------------------------------------ builds
// BuildServiceFromComposeSpec, BuildServiceFromServicePlanSpec, CreateServiceFromComposeSpec.

/** A base64 spec; its decoded size is bounded again when it is read (docs/limits.md). */
const SpecContent = z.string().max(1024 * 1024, 'must be at most 1048576 characters (a spec of 512 KiB, base64)').meta({
  description: 'The spec YAML, base64-encoded.',
});
/** Compose config/secret name → base64 content. */
const SpecFiles = z
  .record(z.string().max(LIMITS.name), z.string().max(1400 * 1024, 'must be at most 1433600 characters (a file of 1 MiB, base64)'))
  .refine((o) => Object.keys(o).length <= 50, { message: 'must have at most 50 entries' });

const buildFields = {
  name: NonEmpty.meta({ description: 'The service; built into (or created with) this name in the org.' }),
  description: text(LIMITS.description).optional(),
  serviceLogoURL: LogoUrl.optional(),
  fileContent: SpecContent,
  environment: NonEmpty.optional().meta({ description: 'The environment to build into; Dev when absent.' }),
  environmentType: EnvironmentTypeInput.optional().meta({ description: 'DEV, QA, STAGING, CANARY, PROD or PRIVATE (any case); DEV when absent.' }),
  release: z.boolean().optional(),
  releaseAsPreferred: z.boolean().optional(),
  releaseVersionName: text(LIMITS.name).optional(),
  dryrun: z.boolean().optional(),
};

export const BuildServiceFromComposeSpecRequest = z
  .object({ ...buildFields, configs: SpecFiles.optional(), secrets: SpecFiles.optional() })
  .meta({ id: 'BuildServiceFromComposeSpecRequest2' });

export const BuildServiceFromServicePlanSpecRequest = z.object(buildFields).meta({ id: 'BuildServiceFromServicePlanSpecRequest2' });

const buildResult = {
  serviceID: z.string(),
  serviceEnvironmentID: z.string(),
  productTierID: z.string(),
  undefinedResources: z.record(z.string(), z.string()).meta({ description: 'Resources of the plan the spec does not name (name → id); left as they are.' }),
};

export const BuildServiceFromComposeSpecResult = z.object(buildResult).meta({ id: 'BuildServiceFromComposeSpecResult' });
export const BuildServiceFromServicePlanSpecResult = z.object(buildResult).meta({ id: 'BuildServiceFromServicePlanSpecResult' });

export const CreateServiceFromComposeSpecRequest = z
  .object({
    name: NonEmpty,
    description: text(LIMITS.description),
    serviceLogoURL: LogoUrl.optional(),
    fileContent: SpecContent,
    fileFormat: text(LIMITS.name),
    fileName: text(LIMITS.name),
  })
  .meta({ id: 'CreateServiceFromComposeSpecRequest2' });
