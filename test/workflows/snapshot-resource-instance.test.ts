/**
 * The snapshot-resource-instance workflow on the worker's local runner (real catalog): CREATING 0 % →
 * COMPLETED 100 % with the instance's backup times (simulated driver); FAILED with the real reason when the
 * instance is no longer RUNNING or the driver fails the copy; the callback driver's copy completes through the
 * documented callback endpoint. The job that starts it: test/jobs/back-up-instances.test.ts.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflow } from '#shared/workflows/start.ts';
import { findSnapshot, snapshotIdFor } from '#shared/data/entities/instance-snapshot.ts';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { getDriverWork } from '#shared/data/entities/driver-work.ts';
import { readDriverOutbox } from '#shared/drivers/callback.ts';
import { operation as reportOp } from '#functions/fleet/deployment-driver/report-deployment-work.ts';
import { SNAPSHOT_WORKFLOW } from '#shared/use-cases/resource-instance/backups.ts';
import type { ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { instanceWithBackups, type InstanceFixture } from '../support/backup-fixtures.ts';
import { invoke } from '../support/invoke.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { waitForExecution } from '../support/workflows.ts';

const saved = { ...process.env };
let provider: TestSession;

beforeAll(async () => {
  provider = await testSession('root');
});

afterEach(() => {
  process.env = { ...saved };
});

/** Starts the workflow as the job does, for a fixture instance; answers the snapshot id. */
async function snapshotOf(instance: ResourceInstanceItem, dueAt = new Date().toISOString()): Promise<string> {
  const snapshotId = snapshotIdFor(instance.instanceId, dueAt);
  await startWorkflow(SNAPSHOT_WORKFLOW, {
    orgId: instance.providerOrgId,
    executionName: snapshotId,
    subject: { instanceId: instance.instanceId },
    input: { instanceId: instance.instanceId, snapshotId, dueAt },
  });
  return snapshotId;
}

const fixture = (f: InstanceFixture = {}) => instanceWithBackups(f);

describe('snapshot-resource-instance', () => {
  it('takes the copy through the driver (action snapshot) and ends COMPLETED at 100 %, with the backup times', async () => {
    const instance = await fixture();
    const snapshotId = await snapshotOf(instance);
    expect((await waitForExecution(snapshotId)).status).toBe('SUCCEEDED');
    const s = await findSnapshot(snapshotId);
    expect(s).toMatchObject({ status: 'COMPLETED', progress: 100, instanceId: instance.instanceId, requestParams: instance.requestParams, tierVersion: '1.0' });
    expect(s!.lastEvent).toMatchObject({ eventType: 'SnapshotCompleted', eventSource: 'Workflow', resourceInstanceId: instance.instanceId });
    const work = await getDriverWork(`${snapshotId}/${instance.resourceId}`);
    expect(work).toMatchObject({ action: 'snapshot', status: 'DONE', starts: 1 });
    expect(work!.work.details).toEqual({ snapshotId });
    expect((await getResourceInstance(instance.instanceId))!.backup).toMatchObject({ lastBackupTime: s!.completeTime, earliestRestoreTime: s!.completeTime });
  });

  it('fails with the reason when the instance is no longer RUNNING', async () => {
    const instance = await fixture({ status: 'STOPPED' });
    const snapshotId = await snapshotOf(instance);
    expect((await waitForExecution(snapshotId)).status).toBe('FAILED');
    expect(await findSnapshot(snapshotId)).toMatchObject({ status: 'FAILED', failureReason: 'instance is STOPPED; a snapshot needs RUNNING' });
    expect((await findSnapshot(snapshotId))!.lastEvent).toMatchObject({ eventType: 'SnapshotFailed', workflowFailures: [{ message: 'instance is STOPPED; a snapshot needs RUNNING' }] });
    expect((await getResourceInstance(instance.instanceId))!.backup!.lastBackupTime).toBeUndefined();
  });

  it('fails with the driver’s reason when the copy fails (injected)', async () => {
    const instance = await fixture();
    process.env.DRIVER_FAILURES = `db/snapshot=snapshot volume is full`;
    const snapshotId = await snapshotOf(instance);
    expect((await waitForExecution(snapshotId)).status).toBe('FAILED');
    expect(await findSnapshot(snapshotId)).toMatchObject({ status: 'FAILED', failureReason: 'snapshot volume is full' });
  });

  it('with the callback driver, waits for the automation’s report through the callback endpoint', async () => {
    process.env.DEPLOYMENT_DRIVER = 'callback';
    const instance = await fixture({ providerOrgId: provider.orgId });
    const snapshotId = await snapshotOf(instance);
    const workId = `${snapshotId}/${instance.resourceId}`;
    let event;
    for (let i = 0; i < 400 && !event; i++) {
      event = (await readDriverOutbox()).find((e) => e.work.workId === workId);
      if (!event) await new Promise((r) => setTimeout(r, 25));
    }
    expect(event!.work).toMatchObject({ action: 'snapshot', details: { snapshotId } });
    expect(await findSnapshot(snapshotId)).toMatchObject({ status: 'CREATING', progress: 50 });
    const res = await invoke(reportOp, { params: { callbackId: event!.callbackId }, body: { outputs: { location: 's3://backups/x' } }, token: provider.token });
    expect(res.status).toBe(200);
    expect((await waitForExecution(snapshotId)).status).toBe('SUCCEEDED');
    expect(await findSnapshot(snapshotId)).toMatchObject({ status: 'COMPLETED', progress: 100, outputs: { location: 's3://backups/x' } });
  });
});
