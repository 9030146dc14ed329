/**
 * Driving one resource through the deployment-driver port (shared/drivers), as workflow steps and the callback
 * endpoint use it. The pattern and its states: statemachines/README.md ("Driving a resource"); the port and
 * the event: docs/ports.md.
 *
 * - `driveResource(work)` (the drive Task): records the work once per `workId` before the configured driver
 *   starts it, and answers what was recorded to every repeat (a retried or resumed step never starts the work
 *   twice): `{ done: true, waitSeconds, outcome }`, `{ done: false, waitSeconds: 0, timeoutSeconds }`, or the
 *   recorded failure (DeploymentFailed).
 * - `awaitResourceReport(token, workId)` (the wait-for-report Task, `.waitForTaskToken`): keeps the step's
 *   current token with the waiting step and hands work + callback id to the driver (the event). A report that
 *   came already is answered to the token at once.
 * - `reportDeploymentWork(caller, callbackId, body)` (the endpoint): the provider's automation reports the
 *   outcome or a failure; recorded durably, then handed to the waiting step (`completeTask`).
 */
import { randomBytes } from 'node:crypto';
import { advance, commit, stamp, withRetry } from '#shared/data/store.ts';
import {
  DRIVER_RECORD_TTL_SECONDS,
  driverCallbackKey,
  driverWorkKey,
  driverWorkListing,
  getDriverCallback,
  getDriverWork,
  type DriverCallbackItem,
  type DriverReport,
  type DriverWorkItem,
} from '#shared/data/entities/driver-work.ts';
import { driverFailureReason, noReportReason, type DriveAnswer } from '#shared/domain/driver-work.ts';
import { driverNameFor, driverNamed } from '#shared/drivers/index.ts';
import type { DriverStart, ResourceWork } from '#shared/drivers/driver.ts';
import { completeTask } from '#shared/workflows/task-token.ts';
import { Conflict, DeploymentFailed, InvalidState, NotFound } from '#shared/errors.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';

const epoch = (ms = Date.now()) => Math.floor(ms / 1000);

/** The instance fields every piece of work carries: whose resource it is and where it runs. */
type InstanceOfWork = Pick<
  ResourceInstanceItem,
  'providerOrgId' | 'serviceId' | 'environmentType' | 'productTierId' | 'tierVersion' | 'subscriptionId' | 'instanceId' | 'cloudProvider' | 'region'
>;

/** What the driver is asked to do to one resource of an instance (create/delete, a change, a snapshot). */
export function resourceWork(
  item: InstanceOfWork,
  resource: { resourceId: string; resourceKey: string; name: string },
  work: Pick<ResourceWork, 'workId' | 'action' | 'parameters' | 'replicas' | 'details'>,
): ResourceWork {
  return {
    workId: work.workId,
    action: work.action,
    providerOrgId: item.providerOrgId,
    serviceId: item.serviceId,
    environmentType: item.environmentType,
    productTierId: item.productTierId,
    tierVersion: item.tierVersion,
    subscriptionId: item.subscriptionId,
    instanceId: item.instanceId,
    resourceId: resource.resourceId,
    resourceKey: resource.resourceKey,
    resourceName: resource.name,
    cloudProvider: item.cloudProvider,
    region: item.region,
    parameters: work.parameters,
    replicas: work.replicas,
    ...(work.details ? { details: work.details } : {}),
  };
}

/** The driver work's id of one resource in one operation (or snapshot): the same for every retry and resume of its step. */
export const workIdOf = (operationId: string, resourceId: string): string => `${operationId}/${resourceId}`;

/** What a settled record answers; undefined while it is still STARTING. */
function answerOf(rec: DriverWorkItem): DriveAnswer | undefined {
  switch (rec.status) {
    case 'DONE':
      return { done: true, waitSeconds: rec.waitSeconds ?? 0, outcome: rec.outcome ?? {} };
    case 'FAILED':
      throw new DeploymentFailed(rec.failureReason ?? `${rec.action} of ${rec.resourceKey} failed`);
    case 'WAITING':
    case 'REPORTED':
      return { done: false, waitSeconds: 0, timeoutSeconds: rec.timeoutSeconds ?? 1 };
    default:
      return undefined;
  }
}

/** Claims the work (a new record, or one more start of a record a crash left STARTING); the record to go on with. */
async function claim(work: ResourceWork): Promise<DriverWorkItem> {
  return withRetry(
    async () => {
      const current = await getDriverWork(work.workId);
      if (current && current.status !== 'STARTING') return current;
      if (current) {
        const next = advance(current, { ...current, starts: current.starts + 1 });
        await commit({ puts: [{ item: next, expectVersion: current.version }] });
        return next;
      }
      const startedAt = new Date().toISOString();
      const item: DriverWorkItem = stamp({
        ...driverWorkKey(work.workId),
        ...driverWorkListing(work.instanceId, startedAt, work.workId),
        entity: 'driverWork' as const,
        workId: work.workId,
        driver: driverNameFor(work),
        action: work.action,
        providerOrgId: work.providerOrgId,
        instanceId: work.instanceId,
        resourceId: work.resourceId,
        resourceKey: work.resourceKey,
        work,
        status: 'STARTING' as const,
        starts: 1,
        startedAt,
      });
      await commit({ puts: [{ item }] });
      return item;
    },
    // A concurrent first start created it meanwhile: read it again.
    { retryOn: (e) => e instanceof Conflict, retries: 3 },
  );
}

/** Records what the driver answered (or its failure) on the claimed record; a lost race answers the winner's record. */
async function settle(claimed: DriverWorkItem, result: DriverStart | { failed: string }): Promise<DriverWorkItem> {
  return withRetry(async () => {
    const current = (await getDriverWork(claimed.workId)) ?? claimed;
    if (current.status !== 'STARTING') return current;
    const expiresAt = epoch() + DRIVER_RECORD_TTL_SECONDS;
    if ('failed' in result) {
      const next = advance(current, { ...current, status: 'FAILED', failureReason: result.failed, expiresAt });
      await commit({ puts: [{ item: next, expectVersion: current.version }] });
      return next;
    }
    if (result.done) {
      const next = advance(current, { ...current, status: 'DONE', outcome: result.outcome, waitSeconds: result.waitSeconds, expiresAt });
      await commit({ puts: [{ item: next, expectVersion: current.version }] });
      return next;
    }
    const timeoutSeconds = Math.max(1, Math.floor(result.timeoutSeconds));
    const callbackId = randomBytes(24).toString('base64url'); // 192 bits: unguessable
    const next = advance(current, { ...current, status: 'WAITING', callbackId, timeoutSeconds, expiresAt });
    const waiting: DriverCallbackItem = stamp({
      ...driverCallbackKey(callbackId),
      entity: 'driverCallback' as const,
      callbackId,
      workId: current.workId,
      providerOrgId: current.providerOrgId,
      instanceId: current.instanceId,
      resourceId: current.resourceId,
      action: current.action,
      status: 'WAITING' as const,
      deadline: new Date(Date.now() + timeoutSeconds * 1000).toISOString(),
      timeoutSeconds,
      expiresAt,
    });
    await commit({ puts: [{ item: next, expectVersion: current.version }, { item: waiting }] });
    return next;
  });
}

/** The drive step: start `work` with its driver once, answer the record to every repeat. */
export async function driveResource(work: ResourceWork): Promise<DriveAnswer> {
  const claimed = await claim(work);
  const recorded = answerOf(claimed);
  if (recorded) return recorded;
  let result: DriverStart;
  try {
    result = await driverNamed(claimed.driver).start(claimed.work);
  } catch (e) {
    // A failure of the work is recorded (a repeat answers it); anything else may pass on a retry.
    if (e instanceof DeploymentFailed) await settle(claimed, { failed: e.message });
    throw e;
  }
  return answerOf(await settle(claimed, result))!;
}

/** What the waiting step is given when the report is a success: the same shape as a simulated step's `$.driver`. */
function reportAnswer(report: DriverReport): DriveAnswer {
  const outcome = { outputs: report.outputs ?? {}, endpoints: report.endpoints ?? [], nodes: report.nodes ?? [] };
  return { done: true, waitSeconds: 0, outcome };
}

/** Hands a recorded report to the step waiting on `token`; false when the step no longer waits. */
async function deliver(token: string, report: DriverReport): Promise<boolean> {
  return report.failureReason !== undefined
    ? completeTask(token, { error: 'DeploymentFailed', cause: report.failureReason })
    : completeTask(token, { output: reportAnswer(report) });
}

/** The wait-for-report step (`.waitForTaskToken`): keep the token with the waiting step, publish the work. */
export async function awaitResourceReport(token: string, workId: string): Promise<{ callbackId: string; published: boolean }> {
  const rec = await getDriverWork(workId);
  if (!rec?.callbackId || (rec.status !== 'WAITING' && rec.status !== 'REPORTED')) {
    throw new InvalidState(`deployment work ${workId} is not waiting for a report (drive it first)`);
  }
  const callbackId = rec.callbackId;
  const cb = await withRetry(async () => {
    const current = await getDriverCallback(callbackId);
    if (!current) throw new NotFound('deployment work callback');
    if (current.status === 'REPORTED' || current.taskToken === token) return current;
    const next = advance(current, { ...current, taskToken: token, delivered: false });
    await commit({ puts: [{ item: next, expectVersion: current.version }] });
    return next;
  });
  if (cb.status === 'REPORTED' && cb.report) {
    // The report came before this attempt of the step (a retry, or a local restart): answer it now.
    await deliver(token, cb.report);
    return { callbackId, published: false };
  }
  if (Date.now() > Date.parse(cb.deadline)) {
    throw Object.assign(new Error(noReportReason(cb.timeoutSeconds)), { name: 'DeploymentTimedOut' });
  }
  const driver = driverNamed(rec.driver);
  if (!driver.awaitReport) throw new InvalidState(`the ${rec.driver} driver does not wait for reports`);
  await driver.awaitReport(token, rec.work, { callbackId, deadline: cb.deadline, timeoutSeconds: cb.timeoutSeconds });
  return { callbackId, published: true };
}

export interface DeploymentReportBody {
  outputs?: Record<string, string>;
  endpoints?: DriverReport['endpoints'];
  nodes?: DriverReport['nodes'];
  failureReason?: string;
}

export interface DeploymentReportResult {
  callbackId: string;
  workId: string;
  instanceId: string;
  resourceId: string;
  action: string;
  status: 'REPORTED';
  reportedAt: string;
}

/** The callback endpoint: the provider's automation reports the outcome (or failure) of the work. */
export async function reportDeploymentWork(caller: Caller, callbackId: string, body: DeploymentReportBody): Promise<DeploymentReportResult> {
  const report: DriverReport =
    body.failureReason !== undefined
      ? { failureReason: body.failureReason }
      : { outputs: body.outputs ?? {}, endpoints: body.endpoints ?? [], nodes: body.nodes ?? [] };
  const cb = await withRetry(async () => {
    const current = await getDriverCallback(callbackId);
    // Tenancy: another org's work is reported exactly like a missing one.
    if (!current || current.providerOrgId !== caller.orgId) throw new NotFound('deployment work');
    if (current.status === 'REPORTED') {
      // Reported but not handed over (the hand-over failed): the repeat hands the recorded report over again.
      if (current.delivered === false && current.taskToken) return current;
      throw new InvalidState(`deployment work ${current.workId} was already reported`);
    }
    if (Date.now() > Date.parse(current.deadline)) {
      throw new InvalidState(`deployment work ${current.workId} is no longer waiting: ${noReportReason(current.timeoutSeconds)}`);
    }
    const work = await getDriverWork(current.workId);
    if (!work || work.status !== 'WAITING') throw new InvalidState(`deployment work ${current.workId} is not waiting for a report`);
    const reportedAt = new Date().toISOString();
    const next = advance(current, { ...current, status: 'REPORTED', report, reportedAt, reportedBy: caller.userId, delivered: false });
    const nextWork = advance(work, {
      ...work,
      status: 'REPORTED',
      ...(report.failureReason !== undefined ? { failureReason: report.failureReason } : { outcome: reportAnswer(report).outcome }),
    });
    await commit({ puts: [{ item: next, expectVersion: current.version }, { item: nextWork, expectVersion: work.version }] });
    return next;
  });
  // No token yet: the wait step has not taken it up; it finds the report and answers itself.
  if (cb.taskToken) {
    const taken = await deliver(cb.taskToken, cb.report!);
    if (!taken) throw new InvalidState(`deployment work ${cb.workId} is no longer waiting (its step timed out or ended)`);
    await withRetry(async () => {
      const current = await getDriverCallback(callbackId);
      if (!current || current.delivered) return;
      await commit({ puts: [{ item: advance(current, { ...current, delivered: true }), expectVersion: current.version }] });
    });
  }
  return {
    callbackId,
    workId: cb.workId,
    instanceId: cb.instanceId,
    resourceId: cb.resourceId,
    action: cb.action,
    status: 'REPORTED',
    reportedAt: cb.reportedAt!,
  };
}

/**
 * The failure reason a workflow's `Record…Failure` step stores for a driver step's `$.error`: the real reason,
 * or for a timed-out wait "no report from the deployment automation within N s" (N from the work's record).
 */
export async function driverFailureOf(workId: string, error: { Error?: string; Cause?: string } | undefined): Promise<string> {
  const rec = await getDriverWork(workId);
  return driverFailureReason(error, rec);
}
