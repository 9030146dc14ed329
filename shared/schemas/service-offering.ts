/** Wire schemas of service-offering-api (names follow the reference; descriptions are our own). */
import { z } from 'zod';
import { Id, text } from '#shared/schemas/common.ts';
import { EnvironmentTypeInput, VisibilityInput } from '#shared/schemas/service-environment.ts';
import { ServiceModelFeatureDetail } from '#shared/schemas/service-model.ts';

export const ServiceOfferingQuery = z.object({
  orgId: text(128).optional().meta({ description: 'Ignored: the offerings are those of the provider the token belongs to.' }),
  visibility: VisibilityInput.optional().meta({ description: 'PUBLIC (default). Customers see PUBLIC environments only.' }),
  environmentType: EnvironmentTypeInput.optional().meta({
    description: "Environment type to show. A customer token sees its portal's type only; a provider token sees every type when absent.",
  }),
});

export const ServiceOfferingParams = z.object({ serviceId: Id });
export const ServiceOfferingResourceParams = z.object({ serviceId: Id, resourceId: Id, instanceId: text(128).trim().min(1).meta({ description: '`none` for a new instance.' }) });

export const ResourceEntity = z
  .object({
    resourceId: z.string(),
    name: z.string(),
    urlKey: z.string().meta({ description: 'The resource key, echoed into instance paths.' }),
    resourceType: z.string().optional(),
    isBackupEnabled: z.boolean(),
    isAutoscalingEnabled: z.boolean().optional(),
    isDeprecated: z.boolean(),
  })
  .meta({ id: 'ResourceEntity' });

export const ServiceOffering = z
  .object({
    AutoApproveSubscription: z.boolean().meta({ description: 'Subscriptions to the plan are approved at once (else through a request).' }),
    allowCreatesWhenPaymentNotConfigured: z.boolean().optional(),
    awsRegions: z.array(z.string()).optional(),
    gcpRegions: z.array(z.string()).optional(),
    azureRegions: z.array(z.string()).optional(),
    cloudProviders: z.array(z.string()).optional().meta({ description: 'Cloud providers with at least one region: aws, gcp, azure.' }),
    maxNumberOfInstances: z.number().int().optional(),
    productTierDescription: z.string().optional(),
    productTierDocumentation: z.string(),
    productTierID: z.string(),
    productTierName: z.string(),
    productTierPlanDescription: z.string().optional(),
    productTierPricing: z.unknown(),
    productTierSupport: z.string(),
    productTierType: z.string(),
    productTierURLKey: z.string(),
    productTierVersion: z.string().meta({ description: 'The version offered: Preferred, else the latest Active.' }),
    resourceParameters: z.array(ResourceEntity),
    serviceAPIID: z.string(),
    serviceAPIVersion: z.string(),
    serviceEnvironmentID: z.string(),
    serviceEnvironmentName: z.string(),
    serviceEnvironmentType: z.string(),
    serviceEnvironmentURLKey: z.string(),
    serviceEnvironmentVisibility: z.string(),
    serviceLogoURL: z.string(),
    serviceModelFeatures: z.array(ServiceModelFeatureDetail).optional(),
    serviceModelID: z.string(),
    serviceModelName: z.string(),
    serviceModelStatus: z.string().meta({ description: 'READY: the model exists and its plan is released.' }),
    serviceModelType: z.string(),
    serviceModelURLKey: z.string(),
    supportsPublicNetwork: z.boolean().optional(),
  })
  .meta({ id: 'ServiceOffering' });

export const DescribeServiceOfferingResult = z
  .object({
    serviceId: z.string(),
    serviceName: z.string(),
    serviceDescription: z.string(),
    serviceURLKey: z.string(),
    serviceOrgId: z.string(),
    serviceProviderId: z.string(),
    serviceProviderName: z.string(),
    createdAt: z.string(),
    isDeprecated: z.boolean(),
    offerings: z.array(ServiceOffering),
  })
  .meta({ id: 'DescribeServiceOfferingResult' });

export const ListServiceOfferingsResult = z
  .object({
    serviceIds: z.array(z.string()),
    services: z.array(DescribeServiceOfferingResult).optional(),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ListServiceOfferingsResult' });

const ParameterCommon = {
  key: z.string(),
  displayName: z.string(),
  description: z.string(),
  type: z.string(),
  isList: z.boolean(),
  custom: z.boolean().meta({ description: 'Always false: every parameter is one the provider defined.' }),
};

export const InputParameterEntity = z
  .object({
    ...ParameterCommon,
    required: z.boolean(),
    modifiable: z.boolean(),
    defaultValue: z.string().optional(),
    options: z.array(z.string()).optional(),
    dependentResourceID: z.string().optional(),
  })
  .meta({ id: 'InputParameterEntity' });

export const OutputParameterEntity = z.object(ParameterCommon).meta({ id: 'OutputParameterEntity' });

export const APIEntity = z
  .object({
    verb: z.string().meta({ description: 'CREATE, DESCRIBE, UPDATE or DELETE.' }),
    inputParameters: z.array(InputParameterEntity),
    outputParameters: z.array(OutputParameterEntity),
  })
  .meta({ id: 'APIEntity' });

export const DescribeServiceOfferingResourceResult = z.object({ apis: z.array(APIEntity) }).meta({ id: 'DescribeServiceOfferingResourceResult' });
