/**
 * Wire schemas of resource-instance-api: instance paths (keys, shared/use-cases/resource-instance/path.ts),
 * the create body, the describe shape and the lists. Field names follow the reference; every input is bounded.
 */
import { z } from 'zod';
import { freeForm, Id, LIMITS, text } from '#shared/schemas/common.ts';
import { optionalQuery } from '#shared/schemas/subscription.ts';
import { ServicePlanKeysParams } from '#shared/schemas/audit-events.ts';

const Key = text(LIMITS.name).min(1, 'must not be empty');

/** An instance path: the plan's keys (as the audit log's plan paths) and the resource's. */
export const InstancePlanParams = ServicePlanKeysParams.extend({ resourceKey: Key });

export const InstanceParams = InstancePlanParams.extend({ id: Id });

export const InstanceQuery = z.object({ subscriptionId: optionalQuery(Id) });

/** Request parameters: values checked against the resource's input parameters (shared/domain/instance-params.ts). */
export const RequestParams = freeForm(32 * 1024).meta({ description: 'Input parameter values by key.' });

export const CreateResourceInstanceRequest = z.object({
  cloud_provider: optionalQuery(text(32)).meta({ description: 'aws, gcp or azure; defaults to the plan\'s only cloud.' }),
  region: optionalQuery(text(64)).meta({ description: 'One of the plan\'s regions for that cloud; defaults to its only one.' }),
  network_type: optionalQuery(text(32)),
  custom_network_id: optionalQuery(text(LIMITS.name)),
  externalBillingId: optionalQuery(text(LIMITS.name)),
  requestParams: RequestParams.optional(),
});

export const CreateResourceInstanceResult = z.object({ id: z.string() }).meta({ id: 'CreateResourceInstanceResult' });

export const ListAllResourceInstancesQuery = z.object({
  environmentType: optionalQuery(text(32)),
  /** Not in the reference's query (its result carries a token): a later page, as every list here pages. */
  nextPageToken: optionalQuery(z.string().max(4096)),
  pageSize: optionalQuery(z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100')),
});

export const ListResourceInstancesQuery = InstanceQuery.extend({
  nextPageToken: optionalQuery(z.string().max(4096)),
  pageSize: optionalQuery(z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100')),
});

const Node = z.object({
  id: z.string(),
  availabilityZone: z.string(),
  status: z.string(),
  endpoint: z.string().optional(),
  ports: z.array(z.number()).optional(),
  healthStatus: z.string().optional(),
});

/** One resource's entry in `detailedNetworkTopology` (keyed by resource id). */
export const ResourceTopology = z.object({
  resourceName: z.string(),
  resourceKey: z.string(),
  main: z.boolean(),
  publiclyAccessible: z.boolean(),
  networkingType: z.string(),
  clusterEndpoint: z.string(),
  clusterPorts: z.array(z.number()),
  nodes: z.array(Node),
  // The reference's CustomDNSEndpoint: `enabled` required; `dnsName` is its deprecated twin of `dnsHost`.
  customDNSEndpoint: z
    .object({ enabled: z.boolean(), dnsHost: z.string(), dnsName: z.string(), cnameTarget: z.string(), status: z.string(), targetPort: z.number().int().optional() })
    .optional(),
  status: z.string(),
});

export const DescribeResourceInstanceResult = z
  .object({
    id: z.string(),
    resourceID: z.string(),
    subscriptionId: z.string(),
    subscriptionStatus: z.string(),
    status: z.string(),
    cloud_provider: z.string(),
    region: z.string(),
    network_type: z.string(),
    created_at: z.string(),
    last_modified_at: z.string(),
    createdByUserId: z.string(),
    createdByUserName: z.string(),
    externalPayerId: z.string(),
    result_params: z.record(z.string(), z.unknown()),
    detailedNetworkTopology: z.record(z.string(), ResourceTopology),
    currentReplicas: z.string(),
    minReplicas: z.string(),
    maxReplicas: z.string(),
    highAvailability: z.boolean(),
    active: z.boolean(),
    autoscalingEnabled: z.boolean(),
    serverlessEnabled: z.boolean(),
    instanceLoadStatus: z.string(),
    productTierFeatures: z.record(z.string(), z.unknown()),
    maintenanceTasks: z.record(z.string(), z.unknown()),
    /** Not in the reference: why the instance FAILED (also in its audit events). */
    failureReason: z.string().optional(),
    /** Not in the reference: the version set it runs. */
    tierVersion: z.string(),
    backupStatus: z.object({ backupPeriodInHours: z.number().int(), backupRetentionInDays: z.number().int(), lastBackupTime: z.string().optional(), earliestRestoreTime: z.string().optional() }).optional(),
    kubernetesDashboardEndpoint: z.object({ dashboardEndpoint: z.string().optional(), deploymentCellID: z.string().optional() }).optional(),
  })
  .meta({ id: 'DescribeResourceInstanceResult' });

export const ListResourceInstancesResult = z.object({ ids: z.array(z.string()), nextPageToken: z.string().optional() }).meta({ id: 'ListResourceInstancesResult' });

export const ListAllResourceInstancesResult = z
  .object({ resourceInstances: z.array(DescribeResourceInstanceResult), nextPageToken: z.string().optional() })
  .meta({ id: 'ListAllResourceInstancesResult' });

// ------------------------------------------------------------------------- workflow step inputs
/** What every step of an instance workflow gets: the instance and the operation (the execution's name). */
export const InstanceOperationIds = z.object({ instanceId: Id, operationId: Id });
export const InstanceResourceStep = InstanceOperationIds.extend({ resourceId: Id });
/** A drive step's answer as the next state gets it (`$.driver`). */
export const DriverAnswer = z.object({
  done: z.boolean(),
  waitSeconds: z.number(),
  timeoutSeconds: z.number().optional(),
  outcome: z
    .object({
      outputs: z.record(z.string(), z.string()).optional(),
      endpoints: z.array(z.object({ name: z.string(), host: z.string(), port: z.number().optional(), publiclyAccessible: z.boolean() })).max(100).optional(),
      nodes: z.array(z.object({ id: z.string(), availabilityZone: z.string(), status: z.string(), endpoint: z.string().optional() })).max(1000).optional(),
    })
    .optional(),
});
export const StepError = z.object({ Error: z.string().max(256).optional(), Cause: z.string().max(32_768).optional() });

// ------------------------------------------------------------------------------------------------------------
// Lifecycle (in-place actions: the change-resource-instance workflow) and the deployment-cell dashboard token.
// Owner: the lifecycle work (shared/use-cases/resource-instance/lifecycle.ts, dashboard.ts).

/** Replica counts asked for at once (the resource's own maxReplicas is the real limit). */
const CapacityDelta = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000');

export const UpdateResourceInstanceRequest = z.object({
  network_type: optionalQuery(z.enum(['PUBLIC', 'INTERNAL'], { message: 'must be PUBLIC or INTERNAL' })),
  // The changes travel in the workflow's input (held to 32 KiB with the ids).
  requestParams: freeForm(24 * 1024).meta({ description: 'Input parameter values to change, by key.' }).optional(),
});

export const AddCapacityToResourceInstanceRequest = z.object({ capacityToBeAdded: CapacityDelta });

export const RemoveCapacityFromResourceInstanceRequest = z.object({ capacityToBeRemoved: CapacityDelta });

export const FailoverResourceInstanceRequest = z.object({
  failedReplicaID: text(LIMITS.name).min(1, 'must not be empty'),
  failedReplicaAction: optionalQuery(
    text(64).regex(/^[A-Z][A-Z_]*$/, 'must be an upper-case action such as FAILOVER_AND_RESTART'),
  ).meta({ description: 'What to do with the failed replica once another took over; FAILOVER_AND_RESTART when absent.' }),
});

export const AddCustomDNSToResourceInstanceRequest = z.object({
  customDNS: text(253 + 1).min(1, 'must not be empty').meta({ description: 'A DNS name such as db.example.com (no scheme, port or path).' }),
  targetPort: z.coerce.number().int('must be a whole number').min(1, 'must be a port (1 to 65535)').max(65535, 'must be a port (1 to 65535)').optional(),
});

/** GenerateTokenForDeploymentCellDashboard: `/resource-instance/{id}/deployment-cell-dashboard/token?subscriptionId=`. */
export const DashboardTokenParams = z.object({ id: Id });
export const DashboardTokenQuery = z.object({ subscriptionId: optionalQuery(Id) });

export const GenerateTokenForDeploymentCellDashboardResult = z
  .object({
    token: z.string().meta({ description: 'A signed token scoped to this instance and its deployment cell (read-only dashboard access); never an API session.' }),
    deploymentCellID: z.string().meta({ description: 'The deployment cell the instance runs in: `hc-` + a digest of its provider, environment, cloud and region.' }),
    expirationTimestamp: z.string().meta({ description: 'When the token expires (UTC, `YYYY-MM-DD HH:MM:SS+00:00`).' }),
  })
  .meta({ id: 'GenerateTokenForDeploymentCellDashboardResult' });
