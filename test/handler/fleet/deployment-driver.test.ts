/**
 * The callback deployment driver's endpoint on DynamoDB Local, without a workflow around it: the provider's
 * automation reports a waiting piece of work (recorded, then answered to the waiting step's token); another
 * org, a customer, a finished or unknown callback and malformed bodies get nothing. The whole pattern in a
 * workflow: test/workflows/driver-fixture.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { operation } from '#functions/fleet/deployment-driver/report-deployment-work.ts';
import { getDriverCallback, getDriverWork } from '#shared/data/entities/driver-work.ts';
import { getLocalTaskAnswer } from '#shared/data/entities/local-task-answer.ts';
import { awaitResourceReport, driveResource } from '#shared/use-cases/drivers.ts';
import { LOCAL_TOKEN_PREFIX } from '#shared/workflows/task-token.ts';
import type { ResourceWork } from '#shared/drivers/driver.ts';
import { invoke } from '../../support/invoke.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';

let provider: TestSession;
let other: TestSession;
const saved = { ...process.env };
const hex = () => randomBytes(6).toString('hex');

const work = (orgId: string): ResourceWork => ({
  workId: `op-${hex()}/r-app`,
  action: 'create',
  providerOrgId: orgId,
  serviceId: 's-1',
  environmentType: 'PROD',
  productTierId: 'pt-1',
  tierVersion: '1.0',
  subscriptionId: 'sub-1',
  instanceId: `instance-${hex()}`,
  resourceId: 'r-app',
  resourceKey: 'app',
  resourceName: 'App',
  cloudProvider: 'gcp',
  region: 'us-central1',
  parameters: {},
  replicas: 1,
});

/** A piece of work waiting for its report (the callback driver started it); its callback id. */
async function waiting(orgId = provider.orgId): Promise<{ w: ResourceWork; callbackId: string }> {
  process.env.DEPLOYMENT_DRIVER = 'callback';
  const w = work(orgId);
  expect(await driveResource(w)).toEqual({ done: false, waitSeconds: 0, timeoutSeconds: 3600 });
  return { w, callbackId: (await getDriverWork(w.workId))!.callbackId! };
}

const report = (callbackId: string, body: unknown, token = provider.token) => invoke(operation, { params: { callbackId }, body, token });

beforeAll(async () => {
  [provider, other] = await Promise.all([testSession('root'), testSession('root')]);
});

afterEach(() => {
  process.env = { ...saved };
});

describe('ReportDeploymentWork', () => {
  it('records the report of waiting work; the step that takes it up later is answered at once', async () => {
    const { w, callbackId } = await waiting();
    expect(callbackId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const res = await report(callbackId, { outputs: { url: 'https://app.example.net' }, nodes: [{ id: 'n-1', availabilityZone: 'us-central1-a', status: 'RUNNING' }] });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toEqual({
      callbackId,
      workId: w.workId,
      instanceId: w.instanceId,
      resourceId: 'r-app',
      action: 'create',
      status: 'REPORTED',
      reportedAt: expect.any(String),
    });
    expect(await getDriverCallback(callbackId)).toMatchObject({ status: 'REPORTED', reportedBy: provider.userId });
    expect(await getDriverWork(w.workId)).toMatchObject({ status: 'REPORTED', outcome: { outputs: { url: 'https://app.example.net' }, endpoints: [] } });
    // The wait step comes after the report (a retry, a restart): its token is answered with the recorded report.
    const token = `${LOCAL_TOKEN_PREFIX}test:${hex()}`;
    expect(await awaitResourceReport(token, w.workId)).toEqual({ callbackId, published: false });
    expect(await getLocalTaskAnswer(token)).toMatchObject({ status: 'SUCCEEDED', output: { done: true, outcome: { nodes: [{ id: 'n-1' }] } } });
    // A second report is refused.
    expect((await report(callbackId, { failureReason: 'too late' })).status).toBe(409);
  });

  it('hands a failure report to the waiting step as DeploymentFailed', async () => {
    const { w, callbackId } = await waiting();
    const token = `${LOCAL_TOKEN_PREFIX}test:${hex()}`;
    expect(await awaitResourceReport(token, w.workId)).toEqual({ callbackId, published: true });
    expect((await getDriverCallback(callbackId))!.taskToken).toBe(token);
    const res = await report(callbackId, { failureReason: 'image pull failed' });
    expect(res.status, res.body).toBe(200);
    expect(JSON.stringify(res.json)).not.toContain(token);
    expect(await getLocalTaskAnswer(token)).toMatchObject({ status: 'FAILED', error: 'DeploymentFailed', cause: 'image pull failed' });
    expect(await getDriverWork(w.workId)).toMatchObject({ status: 'REPORTED', failureReason: 'image pull failed' });
  });

  it("answers 404 for another org's work and for an unknown callback, 403 to a customer", async () => {
    const { callbackId } = await waiting();
    const foreign = await report(callbackId, { outputs: {} }, other.token);
    expect(foreign.status).toBe(404);
    expect(foreign.json.message).toContain('not found');
    expect((await report(randomBytes(24).toString('base64url'), { outputs: {} })).status).toBe(404);
    const customer = await testCustomerSession(provider);
    expect([403, 404]).toContain((await report(callbackId, { outputs: {} }, customer.token)).status);
    expect((await invoke(operation, { params: { callbackId }, body: {} })).status).toBe(401);
    // Nothing was recorded by the refused calls.
    expect((await getDriverCallback(callbackId))!.status).toBe('WAITING');
  });

  it('refuses malformed ids and bodies with 400 naming the field', async () => {
    const { callbackId } = await waiting();
    const bad = async (id: string, body: unknown) => {
      const res = await report(id, body);
      expect(res.status, res.body).toBe(400);
      return res.json.message as string;
    };
    expect(await bad('short', {})).toContain('callbackId');
    expect(await bad(callbackId, { failureReason: '' })).toContain('failureReason');
    expect(await bad(callbackId, { endpoints: [{ name: 'x', host: 'h', port: 70000, publiclyAccessible: true }] })).toContain('endpoints');
    expect(await bad(callbackId, { outputs: { a: 1 } })).toContain('outputs');
    expect(await bad(callbackId, { nodes: 'many' })).toContain('nodes');
    expect((await getDriverCallback(callbackId))!.status).toBe('WAITING');
    // Unknown fields are ignored.
    expect((await report(callbackId, { outputs: {}, extra: true })).status).toBe(200);
  });
});
