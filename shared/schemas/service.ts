/** Wire schemas of the service operations (names follow the reference; descriptions are our own; bounds: docs/limits.md). */
import { z } from 'zod';
import { LIMITS, listResult, NonEmpty, text } from '#shared/schemas/common.ts';

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
