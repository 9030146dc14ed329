/**
 * The durable side of the deployment-driver port (shared/drivers): what was asked of a driver, once per piece
 * of work, and — for the callback driver — the step waiting for the provider's report.
 *
 * `DRIVER#<workId>` / `#WORK` (`driverWork`): written before the driver starts the work, conditional on not
 * existing, so a retried or resumed step finds it and answers what was recorded instead of starting the work
 * again. `starts` counts the calls of the driver's `start` (1 unless a crash fell between the call and its
 * record); tests assert it. Listed under the instance on gsi1 (start order). Expires 90 days after it settles.
 *
 * `DRIVERCB#<callbackId>` / `#CALLBACK` (`driverCallback`): the waiting step of a callback driver. The id is
 * random (128 bits, unguessable); it is what the provider's automation answers with. It holds the current task
 * token (AWS; replaced when Step Functions retries the step), the deadline, and the report once it came.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, type Stored } from '#shared/data/store.ts';
import type { DriverAction, DriverOutcome, ResourceWork } from '#shared/drivers/driver.ts';

export type DriverWorkStatus = 'STARTING' | 'DONE' | 'FAILED' | 'WAITING' | 'REPORTED';

export interface DriverWorkItem extends Stored {
  entity: 'driverWork';
  workId: string;
  driver: 'simulated' | 'callback';
  action: DriverAction;
  providerOrgId: string;
  instanceId: string;
  resourceId: string;
  resourceKey: string;
  /** The work as asked (the callback driver's event carries it; the wait step gets only the workId). */
  work: ResourceWork;
  status: DriverWorkStatus;
  /** How many times the driver's `start` was called for this work. */
  starts: number;
  startedAt: string;
  /** DONE / REPORTED: what the resource looks like now. */
  outcome?: DriverOutcome;
  /** DONE: the simulated provisioning time the workflow waits. */
  waitSeconds?: number;
  /** FAILED (or a failure report): why. */
  failureReason?: string;
  /** WAITING: the callback id of the step waiting for the report, and how long it waits. */
  callbackId?: string;
  timeoutSeconds?: number;
  gsi1pk: string;
  gsi1sk: string;
  /** TTL (epoch seconds), set once the work settled. */
  expiresAt?: number;
}

export interface DriverReport {
  outputs?: Record<string, string>;
  endpoints?: DriverOutcome['endpoints'];
  nodes?: DriverOutcome['nodes'];
  failureReason?: string;
}

export interface DriverCallbackItem extends Stored {
  entity: 'driverCallback';
  callbackId: string;
  workId: string;
  providerOrgId: string;
  instanceId: string;
  resourceId: string;
  action: DriverAction;
  status: 'WAITING' | 'REPORTED';
  /** ISO time after which no report is taken (the step has failed with a timeout). */
  deadline: string;
  timeoutSeconds: number;
  /** AWS: the task token of the step's current attempt. Never shown to an API caller. */
  taskToken?: string;
  report?: DriverReport;
  reportedAt?: string;
  reportedBy?: string;
  /** AWS: the report reached Step Functions (SendTaskSuccess/SendTaskFailure accepted). */
  delivered?: boolean;
  expiresAt: number;
}

/** How long settled driver records stay (TTL), seconds. */
export const DRIVER_RECORD_TTL_SECONDS = 90 * 24 * 3600;

export function driverWorkKey(workId: string) {
  return keys.driverWork(workId);
}

export function driverCallbackKey(callbackId: string) {
  return keys.driverCallback(callbackId);
}

export function driverWorkListing(instanceId: string, startedAt: string, workId: string) {
  return keys.driverWorkListing(instanceId, startedAt, workId);
}

export async function getDriverWork(workId: string): Promise<DriverWorkItem | undefined> {
  return getItem<DriverWorkItem>(keys.driverWork(workId));
}

export async function getDriverCallback(callbackId: string): Promise<DriverCallbackItem | undefined> {
  return getItem<DriverCallbackItem>(keys.driverCallback(callbackId));
}

/** Every piece of driver work done on an instance, in start order (bounded by its operations; gsi1, eventually consistent). */
export async function driverWorkOfInstance(instanceId: string): Promise<DriverWorkItem[]> {
  return queryAll<DriverWorkItem>(keys.driverWorkOfInstance(instanceId));
}
