/**
 * Services orchestrations (docs/orchestration-dsl.md, docs/data-model.md "Services orchestrations").
 *
 * `ORCH#<orchestrationId>` / `#ORCH` (entity `servicesOrchestration`): one item per orchestration with its
 * deployments inside it (at most MAX_ORCHESTRATION_DEPLOYMENTS), the user it acts for (the workflow creates,
 * updates and deletes the instances through the instance use cases as that user), its status and the current
 * run (`runId`, the execution name of the `services-orchestration` workflow applying it). Listed under the org
 * that made it on gsi1, oldest first; the org's `orchestrationCount` (at most MAX_ORCHESTRATIONS_PER_ORG)
 * bounds that list, so ListServicesOrchestrations reads it whole.
 * The bottom of the layers: imports only shared/data/*, shared/errors.ts and entity types.
 */
import { keys } from '#shared/data/keys.ts';
import { InvalidState } from '#shared/errors.ts';
import { getItem, queryAll, stamp, type Stored, type TransactionPlan } from '#shared/data/store.ts';

export const MAX_ORCHESTRATION_DEPLOYMENTS = 20;
/**
 * ListServicesOrchestrations answers them all (the contract has no paging): 25 at the worst Describe size
 * (≈ 157 KB) are ≈ 3.9 MB, under Lambda's 6 MB answer (docs/limits.md "Services orchestrations").
 */
export const MAX_ORCHESTRATIONS_PER_ORG = 25;

export type DeploymentStatus = 'PENDING' | 'DEPLOYING' | 'UPDATING' | 'RUNNING' | 'FAILED' | 'NOT_STARTED' | 'DELETING' | 'DELETED';
export type OrchestrationStatus = 'PENDING' | 'DEPLOYING' | 'MODIFYING' | 'RUNNING' | 'FAILED' | 'DELETING';

/** The instance path keys of a deployment (what CreateResourceInstance's path names). */
export interface DeploymentKeys {
  serviceProviderId: string;
  serviceKey: string;
  serviceAPIVersion: string;
  serviceEnvironmentKey: string;
  serviceModelKey: string;
  productTierKey: string;
  resourceKey: string;
}

export interface OrchestrationDeployment {
  alias: string;
  keys: DeploymentKeys;
  serviceId: string;
  subscriptionId: string;
  dependsOn: string[];
  /** As written in the DSL: values may hold `{{ aliases.<a>.result_params.<k> }}` references. */
  requestParams: Record<string, unknown>;
  cloudProvider?: string;
  region?: string;
  /** `present`: created (or updated) by the run; `absent`: deleted by it (a Modify removing it, a Delete). */
  want: 'present' | 'absent';
  status: DeploymentStatus;
  statusMessage?: string;
  failedReason?: string;
  instanceId?: string;
  /** The instance's result_params once RUNNING, when they fit the item's budget (references read the instance itself). */
  resultParams?: Record<string, unknown>;
  /** A Modify changed its parameters: the run applies them (UpdateResourceInstance) once its dependencies are RUNNING. */
  pendingUpdate?: boolean;
  /** Its delete was refused or failed: the run leaves it (FAILED); a later Delete tries again. */
  deleteFailed?: boolean;
}

/** The user the orchestration acts for: enough to act through the instance use cases as that caller. */
export interface OrchestrationActor {
  userId: string;
  orgId: string;
  /** A Role of shared/auth/caller.ts. */
  role: string;
  email: string;
  customer?: { providerOrgId: string; environmentType: string };
}

export interface ServicesOrchestrationItem extends Stored {
  entity: 'servicesOrchestration';
  orchestrationId: string;
  orgId: string;
  actor: OrchestrationActor;
  status: OrchestrationStatus;
  orchestrationFailedReason?: string;
  deployments: OrchestrationDeployment[];
  /** What the current (or last) run does: apply a Create's or a Modify's DSL, or delete everything. */
  action: 'create' | 'modify' | 'delete';
  /** The current (or last) run of the workflow: its execution name. */
  runId: string;
  /** Rounds the current run has taken (bounded: MAX_ROUNDS in use-cases/services-orchestration/steps.ts). */
  polls: number;
  gsi1pk: string;
  gsi1sk: string;
}

export function newServicesOrchestration(o: { orchestrationId: string; orgId: string; actor: OrchestrationActor; deployments: OrchestrationDeployment[]; runId: string }): ServicesOrchestrationItem {
  const item = stamp({ ...keys.servicesOrchestration(o.orchestrationId), entity: 'servicesOrchestration' as const, ...o, status: 'PENDING' as const, action: 'create' as const, polls: 0, gsi1pk: '', gsi1sk: '' });
  return { ...item, ...keys.servicesOrchestrationListing(o.orgId, item.createdAt, o.orchestrationId) };
}

export function servicesOrchestrationKey(orchestrationId: string) {
  return keys.servicesOrchestration(orchestrationId);
}

export async function getServicesOrchestration(orchestrationId: string): Promise<ServicesOrchestrationItem | undefined> {
  const item = await getItem<ServicesOrchestrationItem>(keys.servicesOrchestration(orchestrationId));
  return item?.entity === 'servicesOrchestration' ? item : undefined;
}

/** Every orchestration of an org, oldest first (bounded by MAX_ORCHESTRATIONS_PER_ORG). */
export async function servicesOrchestrationsOfOrg(orgId: string): Promise<ServicesOrchestrationItem[]> {
  const items = await queryAll<ServicesOrchestrationItem>(keys.servicesOrchestrationsOfOrg(orgId));
  return items.filter((i) => i.entity === 'servicesOrchestration');
}

type Counter = NonNullable<TransactionPlan['counters']>[number];

/** The org's orchestration count moved by `by` (at most MAX_ORCHESTRATIONS_PER_ORG when adding). */
export function orchestrationCounter(orgId: string, by: number): Counter {
  return {
    key: keys.org(orgId),
    add: { orchestrationCount: by },
    entity: 'org',
    orgId,
    ...(by > 0
      ? { atMost: { max: MAX_ORCHESTRATIONS_PER_ORG, failure: new InvalidState(`an org holds at most ${MAX_ORCHESTRATIONS_PER_ORG} services orchestrations; delete one first`) } }
      : {}),
  };
}
