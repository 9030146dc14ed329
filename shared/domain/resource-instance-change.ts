/**
 * The rules of the in-place actions on a resource instance (the `change-resource-instance` workflow and the
 * operations that start it): which resources an action drives and in what order, what a resource and the
 * instance look like after each step, how a failure ends, and the checks of each action's details (capacity
 * within the resource's limits, failover on a replica of a multi-zone resource, custom DNS names, modifiable
 * parameters). Pure: the use cases (shared/use-cases/resource-instance/lifecycle.ts) read, decide here, commit.
 *
 * Statuses (the legal-state checks are `beginOperation`'s, shared/domain/resource-instance.ts):
 * - stop:                                RUNNING → STOPPING  → STOPPED
 * - start:                               STOPPED → DEPLOYING → RUNNING
 * - restart, update, scale, failover,
 *   add/remove custom DNS:               RUNNING → DEPLOYING → RUNNING
 *
 * How a failure ends (`statusAfterFailure`), decided per action by what the user is left with:
 * - start, stop, restart, update drive every resource's processes; a failure part way leaves some resources
 *   changed and one broken, which is neither the status asked for nor the one before: the instance is FAILED
 *   with the failed resource's reason (a failed stop never claims STOPPED, a failed start never RUNNING).
 *   An update's parameters are kept as they were (the change did not complete); a new update, a restart or
 *   a delete is what the user does next.
 * - scale, failover, add/remove custom DNS act on one resource around a running deployment; a failure means the
 *   change was not made and the instance goes on serving as before: it is back to RUNNING with
 *   `failureReason` saying what did not happen, and the resource keeps its replicas, nodes and DNS.
 */
import { createHash } from 'node:crypto';
import { BadRequest, InvalidState } from '#shared/errors.ts';
import { deploymentLevels } from '#shared/domain/instance-plan.ts';
import type { InstanceResourceState, InstanceStatus, ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import type { DriverAction, DriverOutcome } from '#shared/drivers/driver.ts';

/** The actions of the change workflow (the `action` of the instance's operation). */
export const CHANGE_ACTIONS = ['start', 'stop', 'restart', 'update', 'scale', 'failover', 'add-custom-dns', 'remove-custom-dns'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export function isChangeAction(a: string): a is ChangeAction {
  return (CHANGE_ACTIONS as readonly string[]).includes(a);
}

/** What an action carries besides the ids (the workflow's input, so bounded by the request schemas). */
export type ChangeDetails =
  | { action: 'start' | 'stop' | 'restart' }
  | { action: 'update'; requestParams: Record<string, unknown>; networkType?: string }
  | { action: 'scale'; resourceId: string; replicas: number }
  | { action: 'failover'; resourceId: string; failedReplicaId: string; failedReplicaAction: string }
  | { action: 'add-custom-dns'; resourceId: string; dnsName: string; targetPort?: number }
  | { action: 'remove-custom-dns'; resourceId: string };

/** Audit event types: at the request, per resource step, at the end, on failure. */
export const CHANGE_EVENTS: Record<ChangeAction, { requested: string; step: string; done: string; failed: string; noun: string }> = {
  start: { requested: 'InstanceStartRequested', step: 'InstanceResourceStarted', done: 'InstanceStarted', failed: 'InstanceStartFailed', noun: 'start' },
  stop: { requested: 'InstanceStopRequested', step: 'InstanceResourceStopped', done: 'InstanceStopped', failed: 'InstanceStopFailed', noun: 'stop' },
  restart: { requested: 'InstanceRestartRequested', step: 'InstanceResourceRestarted', done: 'InstanceRestarted', failed: 'InstanceRestartFailed', noun: 'restart' },
  update: { requested: 'InstanceUpdateRequested', step: 'InstanceResourceUpdated', done: 'InstanceUpdated', failed: 'InstanceUpdateFailed', noun: 'update' },
  scale: { requested: 'InstanceCapacityChangeRequested', step: 'InstanceResourceScaled', done: 'InstanceCapacityChanged', failed: 'InstanceCapacityChangeFailed', noun: 'capacity change' },
  failover: { requested: 'InstanceFailoverRequested', step: 'InstanceResourceFailedOver', done: 'InstanceFailedOver', failed: 'InstanceFailoverFailed', noun: 'failover' },
  'add-custom-dns': { requested: 'InstanceCustomDNSAddRequested', step: 'InstanceResourceCustomDNSAdded', done: 'InstanceCustomDNSAdded', failed: 'InstanceCustomDNSAddFailed', noun: 'custom DNS addition' },
  'remove-custom-dns': { requested: 'InstanceCustomDNSRemoveRequested', step: 'InstanceResourceCustomDNSRemoved', done: 'InstanceCustomDNSRemoved', failed: 'InstanceCustomDNSRemoveFailed', noun: 'custom DNS removal' },
};

/** The driver action of a change action (the same words). */
export const driverActionOf = (a: ChangeAction): DriverAction => a;

/** The settled status a successful action ends in. */
export const statusAfterSuccess = (a: ChangeAction): InstanceStatus => (a === 'stop' ? 'STOPPED' : 'RUNNING');

/** The status a failed action ends in (see the header). */
export function statusAfterFailure(a: ChangeAction): InstanceStatus {
  return a === 'start' || a === 'stop' || a === 'restart' || a === 'update' ? 'FAILED' : 'RUNNING';
}

// ------------------------------------------------------------------------------------------- ordering

/** A resource of the running version and the resources of the plan it depends on. */
export interface ResourceNode {
  resourceId: string;
  dependsOn: string[];
}

/**
 * The resources an action drives, in the order it drives them: start, restart and update every resource in
 * dependency order, level by level (a dependent starts after what it uses), stop in reverse (a dependent
 * stops first); scale,
 * failover and custom DNS the one resource they name.
 */
export function resourcesToChange(details: ChangeDetails, nodes: ResourceNode[]): string[] {
  switch (details.action) {
    case 'start':
    case 'restart':
    case 'update':
      return deploymentLevels(nodes).flat();
    case 'stop':
      return deploymentLevels(nodes).reverse().flat();
    default:
      return [details.resourceId];
  }
}

// ------------------------------------------------------------------------------------- action checks

/**
 * The replica count after adding (`by` > 0) or removing (`by` < 0) capacity on a resource, within its limits
 * (`minReplicas`/`maxReplicas` of the instance's resource state, set at create from the resource's definition);
 * 400 naming the limit otherwise.
 */
export function capacityTarget(r: InstanceResourceState, by: number): number {
  const field = by > 0 ? 'body.capacityToBeAdded' : 'body.capacityToBeRemoved';
  const target = r.replicas + by;
  if (by > 0 && target > r.maxReplicas) {
    throw new BadRequest(`${field} ${by} would take resource ${r.name} to ${target} replicas; its maxReplicas is ${r.maxReplicas} (it runs ${r.replicas})`);
  }
  if (by < 0 && target < r.minReplicas) {
    throw new BadRequest(`${field} ${-by} would take resource ${r.name} to ${target} replicas; its minReplicas is ${r.minReplicas} (it runs ${r.replicas})`);
  }
  return target;
}

/** The replica a failover acts on: a node of a multi-zone resource with another node to take over. */
export function failoverReplica(r: InstanceResourceState, failedReplicaId: string): string {
  if (!r.multiZone) throw new BadRequest(`resource ${r.name} is not multi-zone: failover needs a resource with replicas in several zones`);
  const ids = r.nodes.map((n) => n.id);
  if (!ids.includes(failedReplicaId)) {
    throw new BadRequest(`body.failedReplicaID ${failedReplicaId} is not a replica of resource ${r.name} (its replicas: ${ids.join(', ') || 'none'})`);
  }
  if (ids.length < 2) throw new InvalidState(`resource ${r.name} runs one replica; failover needs another one to take over`);
  return failedReplicaId;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A custom DNS name as stored: lower case, without a trailing dot; a host name of at least two labels of
 * letters, digits and inner hyphens (at most 63 each, 253 in all), not all-numeric at the top (no IP addresses),
 * no scheme, port or path. 400 naming the field otherwise.
 */
export function customDnsName(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  const bad = (why: string) => new BadRequest(`body.customDNS ${JSON.stringify(raw.slice(0, 80))} ${why}`);
  if (/[/:@\s]/.test(name)) throw bad('must be a bare DNS name such as db.example.com (no scheme, port or path)');
  const labels = name.split('.');
  if (name.length > 253) throw bad('is longer than 253 characters');
  if (labels.length < 2) throw bad('must have at least two labels, such as db.example.com');
  const wrong = labels.find((l) => !LABEL.test(l));
  if (wrong !== undefined) throw bad(`has an invalid label ${JSON.stringify(wrong)}: labels are 1 to 63 letters, digits or inner hyphens`);
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) throw bad('must be a DNS name, not an IP address');
  return name;
}

/** An update's parameter changes, checked against the version's input parameters. */
export interface ParameterRule {
  key: string;
  modifiable: boolean;
}

/**
 * The keys of `requested` whose value differs from `current`, each a parameter of the running version that is
 * `modifiable` (400 naming the key otherwise). Keys sent with their current value are not changes (portals send
 * the whole form back), so a non-modifiable parameter may be sent unchanged. Nothing is filled in: parameters
 * the request does not name keep their values.
 */
export function parameterChanges(current: Record<string, unknown>, requested: Record<string, unknown>, rules: ParameterRule[]): Record<string, unknown> {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(requested)) {
    const rule = byKey.get(key);
    if (!rule) throw new BadRequest(`body.requestParams.${key} is not a parameter of this plan version`);
    if (sameValue(current[key], value)) continue;
    if (!rule.modifiable) throw new BadRequest(`body.requestParams.${key} is not modifiable: it cannot change after the instance is created`);
    changes[key] = value;
  }
  return changes;
}

/** Parameter values as customers send them: `"3"` and `3`, `"true"` and `true` are the same value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

// ------------------------------------------------------------------------------- state after a step

/** A resource after the driver did its part of the action (`outcome`: what the driver reported). */
export function resourceAfterStep(r: InstanceResourceState, details: ChangeDetails, outcome: DriverOutcome): InstanceResourceState {
  const reported = {
    ...(outcome.outputs ? { outputs: { ...r.outputs, ...outcome.outputs } } : {}),
    ...(outcome.endpoints ? { endpoints: outcome.endpoints } : {}),
    ...(outcome.nodes ? { nodes: outcome.nodes } : {}),
  };
  const { failureReason: _cleared, ...base } = r;
  switch (details.action) {
    case 'stop':
      return { ...base, ...reported, status: 'STOPPED', nodes: (reported.nodes ?? r.nodes).map((n) => ({ ...n, status: 'STOPPED' })) };
    case 'scale':
      return { ...base, ...reported, status: 'RUNNING', replicas: details.replicas };
    case 'add-custom-dns':
      return { ...base, ...reported, status: 'RUNNING', customDNS: { dnsName: details.dnsName, ...(details.targetPort ? { targetPort: details.targetPort } : {}) } };
    case 'remove-custom-dns': {
      const { customDNS: _removed, ...rest } = { ...base, ...reported };
      return { ...rest, status: 'RUNNING' };
    }
    default:
      return { ...base, ...reported, status: 'RUNNING' };
  }
}

/**
 * A resource after its step failed: start, stop, restart and update leave it FAILED with the reason; scale,
 * failover and DNS leave it as it was (the change did not happen), with the reason noted.
 */
export function resourceAfterFailure(r: InstanceResourceState, action: ChangeAction, reason: string): InstanceResourceState {
  return statusAfterFailure(action) === 'FAILED' ? { ...r, status: 'FAILED', failureReason: reason } : { ...r, failureReason: reason };
}

/** The instance's fields once the action completed (the caller clears `activeOperation` and writes the facts). */
export function instanceAfterSuccess(item: ResourceInstanceItem, details: ChangeDetails): Pick<ResourceInstanceItem, 'status' | 'requestParams' | 'networkType'> {
  return {
    status: statusAfterSuccess(details.action),
    requestParams: details.action === 'update' ? { ...item.requestParams, ...details.requestParams } : item.requestParams,
    networkType: details.action === 'update' && details.networkType ? details.networkType : item.networkType,
  };
}

/** One human sentence for the end of an action. */
export function changeMessage(details: ChangeDetails, r?: InstanceResourceState): string {
  switch (details.action) {
    case 'start':
      return 'instance started';
    case 'stop':
      return 'instance stopped';
    case 'restart':
      return 'instance restarted';
    case 'update':
      return `instance updated (${Object.keys(details.requestParams).join(', ') || 'network type'})`;
    case 'scale':
      return `resource ${r?.name ?? details.resourceId} now runs ${details.replicas} replicas`;
    case 'failover':
      return `resource ${r?.name ?? details.resourceId} failed over from replica ${details.failedReplicaId}`;
    case 'add-custom-dns':
      return `custom DNS ${details.dnsName} added to resource ${r?.name ?? details.resourceId}`;
    case 'remove-custom-dns':
      return `custom DNS removed from resource ${r?.name ?? details.resourceId}`;
  }
}

// ------------------------------------------------------------------------------------- deployment cells

/**
 * The deployment cell an instance runs in. There are no host clusters here, so a cell is what would share one:
 * the instances of one provider's environment in one cloud region. Its id is `hc-` and 8 hex characters of a
 * digest of (provider org, environment, cloud, region): the same for every instance placed there, stable for
 * the instance's life, and revealing nothing of the ids it is made of.
 */
export function deploymentCellIdOf(item: Pick<ResourceInstanceItem, 'providerOrgId' | 'environmentId' | 'cloudProvider' | 'region'>): string {
  const digest = createHash('sha256').update([item.providerOrgId, item.environmentId, item.cloudProvider.toLowerCase(), item.region].join('\u0000')).digest('hex');
  return `hc-${digest.slice(0, 8)}`;
}

/** `2021-01-01 00:00:00+00:00`: how the contract writes the token's expiry (UTC). */
export function expirationTimestamp(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}
