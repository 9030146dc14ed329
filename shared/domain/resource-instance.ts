/**
 * Resource instances: their lifecycle (which action may start from which status, and what it settles to),
 * the operation slot (`beginOperation`), and the wire view. Pure rules; type-only imports of entities.
 *
 *   create                          → DEPLOYING → RUNNING | FAILED
 *   stop      RUNNING               → STOPPING  → STOPPED | FAILED
 *   start     STOPPED               → DEPLOYING → RUNNING | FAILED
 *   restart, update, scale, failover, add-custom-dns, remove-custom-dns
 *             RUNNING               → DEPLOYING → RUNNING | FAILED
 *   delete    RUNNING|STOPPED|FAILED → DELETING → gone (FAILED when deprovisioning fails)
 *
 * A transitional status (DEPLOYING, STOPPING, DELETING) always has `activeOperation` set: one long operation
 * at a time, so every other action is 409 `invalid_state` until it settles.
 */
import type { z } from 'zod';
import { InvalidState } from '#shared/errors.ts';
import { newLowerId } from '#shared/domain/ids.ts';
import { backupStatusView } from '#shared/domain/instance-snapshot.ts';
import type { InstanceOperation, InstanceResourceState, InstanceStatus, ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import type { DescribeResourceInstanceResult, ResourceTopology } from '#shared/schemas/resource-instance.ts';
import type { DriverAction } from '#shared/drivers/driver.ts';

/** What may be asked of an instance: the driver's actions but those on snapshots (their own workflow). */
export type InstanceAction = Exclude<DriverAction, 'snapshot' | 'restore'>;

export interface Transition {
  /** The settled statuses the action may start from (none: it makes a new instance). */
  from: readonly InstanceStatus[];
  /** The transitional status while its workflow runs. */
  during: InstanceStatus;
  /** Where a successful run settles (`gone`: the instance is removed). */
  settles: InstanceStatus | 'gone';
}

const onRunning = { from: ['RUNNING'], during: 'DEPLOYING', settles: 'RUNNING' } as const satisfies Transition;

/** THE legal-transition table. */
export const TRANSITIONS: Readonly<Record<InstanceAction, Transition>> = {
  create: { from: [], during: 'DEPLOYING', settles: 'RUNNING' },
  delete: { from: ['RUNNING', 'STOPPED', 'FAILED'], during: 'DELETING', settles: 'gone' },
  start: { from: ['STOPPED'], during: 'DEPLOYING', settles: 'RUNNING' },
  stop: { from: ['RUNNING'], during: 'STOPPING', settles: 'STOPPED' },
  restart: onRunning,
  update: onRunning,
  scale: onRunning,
  failover: onRunning,
  'add-custom-dns': onRunning,
  'remove-custom-dns': onRunning,
};

/** Statuses no workflow is working on. */
export const SETTLED: readonly InstanceStatus[] = ['RUNNING', 'STOPPED', 'FAILED'];

export const isSettled = (status: InstanceStatus): boolean => SETTLED.includes(status);

/** A new operation id (the workflow execution's name): `op-` + 16 lower-case, unique on its own. */
export const newOperationId = (): string => newLowerId('op', 16);

/** 409 unless `action` may start from the instance's status (e.g. `instance is DEPLOYING; stop needs RUNNING`). */
export function assertTransition(item: Pick<ResourceInstanceItem, 'status' | 'activeOperation'>, action: InstanceAction): Transition {
  const t = TRANSITIONS[action];
  if (!t.from.includes(item.status) || item.activeOperation) {
    const needs = t.from.length ? t.from.join(' or ') : 'a new instance';
    throw new InvalidState(`instance is ${item.status}; ${action} needs ${needs}`);
  }
  return t;
}

/**
 * The instance with `action` under way: its transitional status and `activeOperation` set (the caller writes
 * it with `advance` and `expectVersion`, so two concurrent actions cannot both begin). Throws InvalidState.
 */
export function beginOperation<T extends ResourceInstanceItem>(
  item: T,
  action: InstanceAction,
  who: { userId: string; userName: string },
  now: Date = new Date(),
  operationId: string = newOperationId(),
): T {
  const t = assertTransition(item, action);
  const activeOperation: InstanceOperation = { operationId, action, startedAt: now.toISOString(), userId: who.userId, userName: who.userName };
  const { failureReason: _previous, ...rest } = item;
  return { ...rest, status: t.during, statusMessage: `${action} in progress`, activeOperation } as T;
}

/**
 * The instance once its operation `operationId` ended: settled per the table (success) or FAILED with the
 * reason. Undefined when the instance no longer runs that operation (a repeated step: nothing to do).
 */
export function endOperation<T extends ResourceInstanceItem>(item: T, operationId: string, outcome: { ok: true } | { ok: false; reason: string }): T | undefined {
  if (item.activeOperation?.operationId !== operationId) return undefined;
  const action = item.activeOperation.action as InstanceAction;
  const { activeOperation: _done, ...rest } = item;
  if (!outcome.ok) return { ...rest, status: 'FAILED', statusMessage: `${action} failed`, failureReason: outcome.reason } as T;
  const settles = TRANSITIONS[action]?.settles;
  const status: InstanceStatus = settles && settles !== 'gone' ? settles : 'RUNNING';
  const { failureReason: _f, ...clean } = rest;
  return { ...clean, status, statusMessage: '' } as T;
}

// ------------------------------------------------------------------------------------------- the view

type Topology = z.input<typeof ResourceTopology>;
export type ResourceInstanceView = z.input<typeof DescribeResourceInstanceResult>;

function topologyOf(item: ResourceInstanceItem, r: InstanceResourceState): Topology {
  const main = r.endpoints[0];
  const publiclyAccessible = r.endpoints.some((e) => e.publiclyAccessible);
  return {
    resourceName: r.name,
    resourceKey: r.resourceKey,
    main: r.resourceId === item.resourceId,
    publiclyAccessible,
    networkingType: item.networkType ?? (publiclyAccessible ? 'PUBLIC' : 'INTERNAL'),
    clusterEndpoint: main?.host ?? '',
    clusterPorts: [...new Set(r.endpoints.map((e) => e.port).filter((p): p is number => typeof p === 'number'))],
    nodes: r.nodes.map((n) => ({ id: n.id, availabilityZone: n.availabilityZone, status: n.status, ...(n.endpoint ? { endpoint: n.endpoint } : {}) })),
    // The provider's DNS points a CNAME at the resource's own endpoint; READY once the workflow has applied it.
    ...(r.customDNS
      ? {
          customDNSEndpoint: {
            enabled: true,
            dnsHost: r.customDNS.dnsName,
            dnsName: r.customDNS.dnsName,
            cnameTarget: main?.host ?? '',
            status: r.status === 'RUNNING' ? 'READY' : 'PENDING',
            ...(r.customDNS.targetPort !== undefined ? { targetPort: r.customDNS.targetPort } : {}),
          },
        }
      : {}),
    status: r.status,
  };
}

/** The DescribeResourceInstanceResult of an instance (`subscriptionStatus` from its subscription as read). */
export function resourceInstanceView(item: ResourceInstanceItem, extra: { subscriptionStatus?: string } = {}): ResourceInstanceView {
  const main = item.resources[item.resourceId];
  const resources = Object.values(item.resources);
  return {
    id: item.instanceId,
    resourceID: item.resourceId,
    subscriptionId: item.subscriptionId,
    subscriptionStatus: extra.subscriptionStatus ?? 'ACTIVE',
    status: item.status,
    cloud_provider: item.cloudProvider,
    region: item.region,
    network_type: item.networkType ?? 'PUBLIC',
    created_at: item.createdAt,
    last_modified_at: item.updatedAt,
    createdByUserId: item.createdByUserId,
    createdByUserName: item.createdByUserName,
    externalPayerId: item.externalBillingId ?? '',
    result_params: item.resultParams,
    detailedNetworkTopology: Object.fromEntries(resources.filter((r) => r.status !== 'PENDING').map((r) => [r.resourceId, topologyOf(item, r)])),
    currentReplicas: String(main?.replicas ?? 0),
    minReplicas: String(main?.minReplicas ?? 0),
    maxReplicas: String(main?.maxReplicas ?? 0),
    highAvailability: main?.multiZone ?? false,
    active: item.status === 'RUNNING',
    autoscalingEnabled: false,
    serverlessEnabled: false,
    instanceLoadStatus: item.status === 'RUNNING' ? 'POD_NORMAL' : 'UNKNOWN',
    productTierFeatures: {},
    maintenanceTasks: {},
    ...(item.failureReason ? { failureReason: item.failureReason } : {}),
    ...(item.backup ? { backupStatus: backupStatusView(item.backup) } : {}),
    tierVersion: item.tierVersion,
  };
}
