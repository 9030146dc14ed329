/**
 * Schemas of the services-orchestration-api group (wire names from the reference; docs/orchestration-dsl.md
 * is the DSL the bodies carry, base64-encoded).
 */
import { z } from 'zod';
import { freeForm, Id, list, text } from '#shared/schemas/common.ts';

/** Base64 of at most 64 KiB of YAML (docs/limits.md). */
const Dsl = z.string().max(90_000, 'must be at most 90000 characters (64 KiB of YAML, base64-encoded)');

export const CreateServicesOrchestrationRequest = z.object({ orchestrationCreateDSL: Dsl });
export const ModifyServicesOrchestrationRequest = z.object({ orchestrationModifyDSL: Dsl });
export const ServicesOrchestrationParams = z.object({ id: Id });

export const CreateServicesOrchestrationResult = z.object({ id: z.string() }).meta({ id: 'CreateServicesOrchestrationResult' });

export const ServiceDeploymentDetails = z
  .object({
    instanceDeploymentAlias: z.string(),
    serviceId: z.string(),
    subscriptionId: z.string(),
    dependsOnDeployment: list(text(64), 20),
    instanceId: z.string().optional(),
    status: z.string(),
    statusMessage: z.string().optional(),
    failedReason: z.string().optional(),
  })
  .meta({ id: 'ServiceDeploymentDetails' });

export const DescribeServicesOrchestrationResult = z
  .object({
    id: z.string(),
    status: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    orchestrationFailedReason: z.string().optional(),
    resultParams: freeForm().optional(),
    ServicesTopology: z.array(ServiceDeploymentDetails),
  })
  .meta({ id: 'DescribeServicesOrchestrationResult' });

export const ListServicesOrchestrationsResult = z.array(DescribeServicesOrchestrationResult).meta({ id: 'ListServicesOrchestrationsResult' });

/** The workflow's tasks: the orchestration and run they act on, and how many polls the run has made. */
export const OrchestrationRunInput = z.object({ orchestrationId: Id, runId: Id, poll: z.number().int().min(0).max(10_000) });
export const OrchestrationFailureInput = z.object({
  orchestrationId: Id,
  runId: Id,
  // Whatever a failed round raised (Step Functions' 256 KB state bound); the use case clips what it keeps.
  error: z.object({ Error: z.string().max(256), Cause: z.string().max(262_144).optional() }),
});
