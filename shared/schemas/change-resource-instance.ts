/** The state inputs of the change-resource-instance workflow's tasks (what its ASL's Parameters pass). */
import { z } from 'zod';
import { RequestParams } from '#shared/schemas/resource-instance.ts';

const Id = z.string().min(1).max(128);

/** An action's details (shared/domain/resource-instance-change.ts, ChangeDetails): what the request decided. */
export const ChangeDetails = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['start', 'stop', 'restart']) }),
  z.object({ action: z.literal('update'), requestParams: RequestParams, networkType: z.string().max(32).optional() }),
  z.object({ action: z.literal('scale'), resourceId: Id, replicas: z.number().int().min(0).max(1000) }),
  z.object({ action: z.literal('failover'), resourceId: Id, failedReplicaId: z.string().min(1).max(256), failedReplicaAction: z.string().max(64) }),
  z.object({ action: z.literal('add-custom-dns'), resourceId: Id, dnsName: z.string().min(1).max(253), targetPort: z.number().int().min(1).max(65535).optional() }),
  z.object({ action: z.literal('remove-custom-dns'), resourceId: Id }),
]);

export const ChangeStep = z.object({ instanceId: Id, operationId: Id, details: ChangeDetails });

/** The resources still to change (an instance holds at most MAX_INSTANCE_RESOURCES). */
export const PendingResources = z.array(Id).max(100);

const Endpoint = z.object({ name: z.string().max(256), host: z.string().max(1024), port: z.number().int().optional(), publiclyAccessible: z.boolean() });
const Node = z.object({ id: z.string().max(256), availabilityZone: z.string().max(128), status: z.string().max(64), endpoint: z.string().max(1024).optional() });

/** What the driver reported for a resource (the drive step's, or the report's, `outcome`). */
export const DriverOutcome = z.object({
  outputs: z.record(z.string().max(256), z.string().max(8192)).optional(),
  endpoints: z.array(Endpoint).max(100).optional(),
  nodes: z.array(Node).max(1000).optional(),
});

export const StepError = z.object({ Error: z.string().max(256), Cause: z.string().max(32_768).optional() });
