/** Wire schemas of the deployment-config operations. */
import { z } from 'zod';
import { LIMITS, list, listResult, NonEmpty, text } from '#shared/schemas/common.ts';
// Path ids use IdParams: the literal `default` is a valid id and names the org's default config.

/** Instances (or replicas) handled at once by a rollout. */
export const BATCH_MAX = 10_000;
/** Entries of a rollout priority list. */
export const ROLLOUT_PRIORITIES_MAX = 100;

const BatchSize = z.coerce.number().int().min(1).max(BATCH_MAX);
const RolloutPriorityList = list(text(LIMITS.name), ROLLOUT_PRIORITIES_MAX);

export const InfraRollConfiguration = z
  .object({
    infraRolloutStrategy: text(LIMITS.name).optional(),
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
    name: NonEmpty.meta({ description: 'Unique in the org.' }),
    // Required by the contract (it may be '').
    description: text(LIMITS.description),
    infraRollConfiguration: InfraRollConfiguration.optional(),
    rolloutPriorityList: RolloutPriorityList.optional(),
  })
  .meta({ id: 'CreateDeploymentConfigRequest' });

export const UpdateDeploymentConfigRequest = z
  .object({
    name: NonEmpty.optional(),
    description: text(LIMITS.description).optional(),
    infraRollConfiguration: InfraRollConfiguration.optional(),
    rolloutPriorityList: RolloutPriorityList.optional(),
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

export const ListDeploymentConfigsResult = listResult('ListDeploymentConfigsResult');

