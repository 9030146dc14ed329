/** Wire schemas of the deployment-config operations. */
import { z } from 'zod';
import { NonEmpty } from '#shared/schemas/common.ts';
// Path ids use IdParams: the literal `default` is a valid id and names the org's default config.

const BatchSize = z.coerce.number().int().min(1);

export const InfraRollConfiguration = z
  .object({
    infraRolloutStrategy: z.string().optional(),
    maximumNumberOfResourceInstancesPerBatch: BatchSize.optional(),
    maximumUnavailableReplicas: BatchSize.optional(),
  })
  .meta({ id: 'InfraRollConfiguration', description: 'How infrastructure changes roll out over instances.' });

const InfraRollConfigurationResult = z.object({
  infraRolloutStrategy: z.string(),
  maximumNumberOfResourceInstancesPerBatch: z.number().int(),
  maximumUnavailableReplicas: z.number().int(),
});

export const CreateDeploymentConfigRequest = z
  .object({
    name: NonEmpty.max(256).meta({ description: 'Unique in the org.' }),
    description: z.string().optional(),
    infraRollConfiguration: InfraRollConfiguration.optional(),
    rolloutPriorityList: z.array(z.string()).optional(),
  })
  .meta({ id: 'CreateDeploymentConfigRequest' });

export const UpdateDeploymentConfigRequest = z
  .object({
    name: NonEmpty.max(256).optional(),
    description: z.string().optional(),
    infraRollConfiguration: InfraRollConfiguration.optional(),
    rolloutPriorityList: z.array(z.string()).optional(),
  })
  .meta({ id: 'UpdateDeploymentConfigRequest' });

export const DescribeDeploymentConfigResult = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    infraRollConfiguration: InfraRollConfigurationResult,
    rolloutPriorityList: z.array(z.string()),
  })
  .meta({ id: 'DescribeDeploymentConfigResult' });

export const ListDeploymentConfigsResult = z
  .object({ ids: z.array(z.string()), nextPageToken: z.string().optional() })
  .meta({ id: 'ListDeploymentConfigsResult' });

