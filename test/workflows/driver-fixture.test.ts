/**
 * The pattern that drives one resource (statemachines/README.md "Driving a resource"), on the driver fixture
 * workflow in-process: the simulated driver (success, injected failure, a repeated start answering the record),
 * the callback driver (success and failure through the callback endpoint, timeout), and a waiting step that
 * survives a runner restart. The endpoint's own rules (tenancy, bad input): test/handler/fleet/deployment-driver.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerWorkflowStarter, startWorkflow } from '#shared/workflows/start.ts';
import { getDriverCallback, getDriverWork } from '#shared/data/entities/driver-work.ts';
import { driveResource } from '#shared/use-cases/drivers.ts';
import { readDriverOutbox, type DeploymentWorkEvent } from '#shared/drivers/callback.ts';
import type { ResourceWork } from '#shared/drivers/driver.ts';
import { loadWorkflows } from '#infra/workflow-catalog.ts';
import { createLocalRunner, type LocalRunner } from '#infra/local/sfn-runner.ts';
import { operation as reportOp } from '#functions/fleet/deployment-driver/report-deployment-work.ts';
import { DRIVER_FIXTURE_WORKFLOW, driverFixtureWorkflows } from '../fixtures/workflows/index.ts';
import { fixtureResult } from '../fixtures/workflows/driver-marks.ts';
import { invoke } from '../support/invoke.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { waitForExecution } from '../support/workflows.ts';

let runner: LocalRunner;
let provider: TestSession;
const saved = { ...process.env };
const hex = () => randomBytes(6).toString('hex');

export function newWork(orgId: string, over: Partial<ResourceWork> = {}): ResourceWork {
  const op = `op-${hex()}`;
  return {
    workId: `${op}/r-db`,
    action: 'create',
    providerOrgId: orgId,
    serviceId: 's-1',
    environmentType: 'DEV',
    productTierId: 'pt-1',
    tierVersion: '1.0',
    subscriptionId: 'sub-1',
    instanceId: `instance-${hex()}`,
    resourceId: 'r-db',
    resourceKey: 'db',
    resourceName: 'Database',
    cloudProvider: 'aws',
    region: 'eu-west-1',
    parameters: { port: 5432 },
    replicas: 2,
    ...over,
  };
}

async function drive(work: ResourceWork) {
  const executionName = `d-${hex()}`;
  await startWorkflow(DRIVER_FIXTURE_WORKFLOW, { orgId: work.providerOrgId, executionName, subject: { instanceId: work.instanceId }, input: { work } });
  return executionName;
}

/** The event the callback driver published for `workId` (the local outbox). */
export async function eventFor(workId: string, timeoutMs = 10_000): Promise<DeploymentWorkEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readDriverOutbox()).find((e) => e.work.workId === workId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no work event for ${workId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const report = (callbackId: string, body: unknown, token = provider.token) => invoke(reportOp, { params: { callbackId }, body, token });

beforeAll(async () => {
  const loaded = await loadWorkflows(driverFixtureWorkflows);
  runner = createLocalRunner({ workflows: loaded, waitMs: 5 });
  registerWorkflowStarter(runner.start);
  provider = await testSession('root');
});

afterEach(() => {
  process.env = { ...saved };
});

afterAll(async () => {
  await runner.stop({ graceMs: 100 });
});

describe('driving a resource with the simulated driver', () => {
  it('waits the simulated time and gives the outcome; the work was started once', async () => {
    const work = newWork(provider.orgId);
    const name = await drive(work);
    expect((await waitForExecution(name)).status).toBe('SUCCEEDED');
    const result = fixtureResult(name)!;
    expect(result.outcome).toMatchObject({ endpoints: [{ name: 'db', port: 5432, publiclyAccessible: true }] });
    expect((result.outcome as { nodes: unknown[] }).nodes.map((n: any) => n.availabilityZone)).toEqual(['eu-west-1a', 'eu-west-1b']);
    const rec = await getDriverWork(work.workId);
    expect(rec).toMatchObject({ status: 'DONE', driver: 'simulated', starts: 1 });
    // A retried or resumed step answers the record and starts nothing.
    expect(await driveResource(work)).toEqual({ done: true, waitSeconds: 0, outcome: result.outcome });
    expect((await getDriverWork(work.workId))!.starts).toBe(1);
  });

  it('fails with the injected reason, recorded once and answered again to a repeat', async () => {
    process.env.DRIVER_FAILURES = 'db/create=no capacity left in eu-west-1';
    const work = newWork(provider.orgId);
    const name = await drive(work);
    const done = await waitForExecution(name);
    expect(done).toMatchObject({ status: 'FAILED', error: 'DeploymentFailed' });
    expect(fixtureResult(name)).toEqual({ workId: work.workId, failureReason: 'no capacity left in eu-west-1' });
    delete process.env.DRIVER_FAILURES;
    await expect(driveResource(work)).rejects.toMatchObject({ name: 'DeploymentFailed', message: 'no capacity left in eu-west-1' });
    expect(await getDriverWork(work.workId)).toMatchObject({ status: 'FAILED', starts: 1 });
  });
});

describe('driving a resource with the callback driver', () => {
  it('publishes the work and goes on with the outcome the automation reports', async () => {
    process.env.DEPLOYMENT_DRIVER = 'callback';
    const work = newWork(provider.orgId);
    const name = await drive(work);
    const event = await eventFor(work.workId);
    expect(event).toMatchObject({ version: 1, work, respond: { method: 'POST', path: `/2022-09-01-00/fleet/deployment-driver/callback/${event.callbackId}` } });
    expect(event.callbackId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(event.taskToken).toBeUndefined();
    expect((await getDriverWork(work.workId))!.status).toBe('WAITING');
    const res = await report(event.callbackId, { outputs: { endpoint: 'db.example.net' }, endpoints: [{ name: 'db', host: 'db.example.net', port: 5432, publiclyAccessible: false }] });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ callbackId: event.callbackId, workId: work.workId, instanceId: work.instanceId, status: 'REPORTED' });
    expect(JSON.stringify(res.json)).not.toContain('local-task-token');
    expect((await waitForExecution(name)).status).toBe('SUCCEEDED');
    expect(fixtureResult(name)!.outcome).toEqual({
      outputs: { endpoint: 'db.example.net' },
      endpoints: [{ name: 'db', host: 'db.example.net', port: 5432, publiclyAccessible: false }],
      nodes: [],
    });
    expect(await getDriverWork(work.workId)).toMatchObject({ status: 'REPORTED', starts: 1 });
    expect((await report(event.callbackId, { outputs: {} })).status).toBe(409);
  });

  it('fails the step with the reason of a failure report', async () => {
    process.env.DEPLOYMENT_DRIVER = 'callback';
    const work = newWork(provider.orgId);
    const name = await drive(work);
    const event = await eventFor(work.workId);
    expect((await report(event.callbackId, { failureReason: 'quota exceeded in the account' })).status).toBe(200);
    expect(await waitForExecution(name)).toMatchObject({ status: 'FAILED', error: 'DeploymentFailed', cause: 'quota exceeded in the account' });
    expect(fixtureResult(name)).toEqual({ workId: work.workId, failureReason: 'quota exceeded in the account' });
  });

  it('fails the step with a clear reason when no report comes in time, and refuses a late one', async () => {
    process.env.DEPLOYMENT_DRIVER = 'callback';
    process.env.DRIVER_CALLBACK_TIMEOUT_SECONDS = '1';
    const work = newWork(provider.orgId);
    const name = await drive(work);
    const event = await eventFor(work.workId);
    expect(await waitForExecution(name)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(fixtureResult(name)).toEqual({ workId: work.workId, failureReason: 'no report from the deployment automation within 1 s' });
    const late = await report(event.callbackId, { outputs: {} });
    expect(late.status).toBe(409);
    expect(late.json.message).toContain('no report from the deployment automation within 1 s');
  });

  it('keeps a waiting step across a runner restart: the report given meanwhile completes it', async () => {
    process.env.DEPLOYMENT_DRIVER = 'callback';
    const work = newWork(provider.orgId);
    const name = await drive(work);
    const event = await eventFor(work.workId);
    await new Promise((r) => setTimeout(r, 50)); // the wait is polling
    await runner.stop({ graceMs: 500 });
    expect((await waitForExecution(name, { until: () => true })).status).toBe('RUNNING');
    // Reported while no runner runs: recorded durably, answered to the step's local token.
    expect((await report(event.callbackId, { outputs: { endpoint: 'late.example.net' } })).status).toBe(200);
    expect((await getDriverCallback(event.callbackId))!.status).toBe('REPORTED');
    const loaded = await loadWorkflows(driverFixtureWorkflows);
    runner = createLocalRunner({ workflows: loaded, waitMs: 5 });
    registerWorkflowStarter(runner.start);
    expect(await runner.resume((n) => n === name)).toEqual([name]);
    expect((await waitForExecution(name)).status).toBe('SUCCEEDED');
    expect(fixtureResult(name)!.outcome).toMatchObject({ outputs: { endpoint: 'late.example.net' } });
    expect(await getDriverWork(work.workId)).toMatchObject({ starts: 1, status: 'REPORTED' });
  });
});
