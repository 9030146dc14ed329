/** Wire schemas of the service-plan operations. */
import { z } from 'zod';
import { Id } from '#shared/schemas/common.ts';
import { ServiceModelFeatureDetail } from '#shared/schemas/service-model.ts';

export const ServicePlanParams = z.object({ serviceId: Id, productTierId: Id });
export const EnvironmentPlansParams = z.object({ serviceId: Id, serviceEnvironmentId: Id });

export const GetServicePlanResult = z
  .object({
    productTierId: z.string(),
    productTierName: z.string(),
    productTierKey: z.string(),
    productTierDescription: z.string(),
    productTierPlanDescription: z.string(),
    productTierPricing: z.unknown(),
    productTierSupport: z.string(),
    productTierDocumentation: z.string(),
    productTierFeatures: z.record(z.string(), z.boolean()).meta({ description: 'Feature name → enabled.' }),
    isProductTierDisabled: z.boolean(),
    tierType: z.string(),
    AutoApproveSubscription: z.boolean(),
    awsRegions: z.array(z.string()),
    gcpRegions: z.array(z.string()),
    azureRegions: z.array(z.string()),
    serviceModelId: z.string(),
    serviceModelName: z.string(),
    serviceModelDescription: z.string(),
    serviceModelFeatures: z.array(ServiceModelFeatureDetail),
    modelType: z.string(),
    accountConfigIds: z.array(z.string()),
    activeAccountConfigIds: z.record(z.string(), z.unknown()),
    serviceApiId: z.string(),
    serviceApiDescription: z.string(),
    apiVersion: z.string(),
    serviceEnvironmentId: z.string(),
    deploymentConfigId: z.string(),
    hasPendingChanges: z.boolean().meta({ description: 'The tier has definition changes no release has taken up.' }),
    latestMajorVersion: z.string().meta({ description: "'' until a version of the tier is released." }),
    versionSetStatus: z.string().meta({ description: "'' until a version of the tier is released." }),
  })
  .meta({ id: 'GetServicePlanResult' });

export const ListServicePlansResult = z
  .object({ servicePlans: z.array(GetServicePlanResult), nextPageToken: z.string().optional() })
  .meta({ id: 'ListServicePlansResult' });
