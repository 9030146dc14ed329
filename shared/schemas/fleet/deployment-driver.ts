/**
 * Wire schemas of the deployment-driver callback (docs/ports.md): the report a provider's automation posts for
 * one waiting piece of work, and the work description workflow steps pass to the drive task.
 */
import { z } from 'zod';
import { freeForm, list, record, text } from '#shared/schemas/common.ts';

const DRIVER_ACTIONS = [
  'create', 'delete', 'start', 'stop', 'restart', 'update', 'scale', 'failover', 'add-custom-dns', 'remove-custom-dns', 'snapshot', 'restore',
] as const;

/** A piece of work on one resource (shared/drivers/driver.ts ResourceWork), as a step's input. */
export const ResourceWorkInput = z.object({
  workId: text(300).regex(/^[A-Za-z0-9._:-]+\/[A-Za-z0-9._:-]+$/, 'must be <operationId>/<resourceId>'),
  action: z.enum(DRIVER_ACTIONS),
  providerOrgId: text(128),
  serviceId: text(128),
  environmentType: text(64),
  productTierId: text(128),
  tierVersion: text(64),
  subscriptionId: text(128),
  instanceId: text(128),
  resourceId: text(128),
  resourceKey: text(128),
  resourceName: text(),
  cloudProvider: text(32),
  region: text(64),
  parameters: freeForm(32 * 1024),
  replicas: z.number().int().min(0).max(1000),
  details: freeForm(8 * 1024).optional(),
});

export const CallbackParams = z.object({
  callbackId: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'is not a callback id'),
});

const Endpoint = z.object({
  name: text(128),
  host: text(253),
  port: z.number().int().min(1).max(65535).optional(),
  publiclyAccessible: z.boolean(),
});

const Node = z.object({
  id: text(128),
  availabilityZone: text(64),
  status: text(64),
  endpoint: text(253).optional(),
});

export const ReportDeploymentWorkRequest = z
  .object({
    outputs: record(text(4096), 200).optional().meta({ description: 'Values the resource reports (output parameters are evaluated from them).' }),
    endpoints: list(Endpoint, 50).optional(),
    nodes: list(Node, 100).optional(),
    failureReason: text(2048).min(1, 'must not be empty').optional().meta({ description: 'Set to report that the work failed, and why.' }),
  })
  .meta({ id: 'ReportDeploymentWorkRequest' });

export const ReportDeploymentWorkResult = z
  .object({
    callbackId: z.string(),
    workId: z.string(),
    instanceId: z.string(),
    resourceId: z.string(),
    action: z.string(),
    status: z.literal('REPORTED'),
    reportedAt: z.string(),
  })
  .meta({ id: 'ReportDeploymentWorkResult' });
