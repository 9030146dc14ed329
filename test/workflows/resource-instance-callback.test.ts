/**
 * create-resource-instance and delete-resource-instance with the callback driver (DEPLOYMENT_DRIVER_OVERRIDES
 * for the test's plan): each resource's work is published (the local outbox) and its step waits for the
 * automation's report through POST /2022-09-01-00/fleet/deployment-driver/callback/{callbackId}, in
 * dependency order; a failure report and a timeout end the instance FAILED with the real reason.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { getDriverWork } from '#shared/data/entities/driver-work.ts';
import { readDriverOutbox, type DeploymentWorkEvent } from '#shared/drivers/callback.ts';
import { operation as reportOp } from '#functions/fleet/deployment-driver/report-deployment-work.ts';
import { invoke } from '../support/invoke.ts';
import { waitForExecution } from '../support/workflows.ts';
import { created, describe_, goodBody, instancePlan, remove, settled, subscriber, type InstancePlan } from '../handler/resource-instance/fixtures.ts';

let ip: InstancePlan;
let customer: Awaited<ReturnType<typeof subscriber>>;
const saved = { ...process.env };

beforeAll(async () => {
  ip = await instancePlan();
  customer = await subscriber(ip);
}, 60_000);

afterEach(() => {
  process.env = { ...saved };
});

const viaCallback = () => {
  process.env.DEPLOYMENT_DRIVER_OVERRIDES = `plan:${ip.plan.productTierId}=callback`;
};

/** The event the callback driver published for `workId` (the local outbox). */
async function eventFor(workId: string, timeoutMs = 15_000): Promise<DeploymentWorkEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readDriverOutbox()).find((e) => e.work.workId === workId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no work event for ${workId}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const report = (callbackId: string, body: unknown) => invoke(reportOp, { token: ip.provider.token, params: { callbackId }, body });

async function reportOk(workId: string, body: unknown) {
  const res = await report((await eventFor(workId)).callbackId, body);
  expect(res.status, res.body).toBe(200);
  return res.json;
}

const operationOf = async (id: string) => (await getResourceInstance(id))!.activeOperation!.operationId;

describe('create-resource-instance with the callback driver', () => {
  it('waits DEPLOYING for each report, dependencies first; ends RUNNING with the reported outputs in result_params and the topology', async () => {
    viaCallback();
    const id = await created(customer.token, ip.path, goodBody({ mode: 'fast' }));
    const op = await operationOf(id);
    const [db, cache] = await Promise.all([eventFor(`${op}/${ip.db}`), eventFor(`${op}/${ip.cache}`)]);
    expect(db.work).toMatchObject({ workId: `${op}/${ip.db}`, action: 'create', instanceId: id, resourceId: ip.db, subscriptionId: customer.subscriptionId, region: 'us-east-1' });
    expect(db.respond).toMatchObject({ method: 'POST', path: `/2022-09-01-00/fleet/deployment-driver/callback/${db.callbackId}` });
    expect(cache.callbackId).not.toBe(db.callbackId);
    // The instance waits: DEPLOYING, the first level's resources DEPLOYING, App not started until both report.
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await getResourceInstance(id);
    expect(waiting).toMatchObject({ status: 'DEPLOYING' });
    expect(waiting!.resources[ip.db]!.status).toBe('DEPLOYING');
    expect(waiting!.resources[ip.app]!.status).toBe('PENDING');
    expect(await getDriverWork(`${op}/${ip.app}`)).toBeUndefined();
    expect((await describe_(customer.token, ip.path, id)).json.status).toBe('DEPLOYING');

    await reportOk(`${op}/${ip.db}`, { outputs: { endpoint: 'db.example.net' } });
    expect(await getDriverWork(`${op}/${ip.app}`)).toBeUndefined();
    await reportOk(`${op}/${ip.cache}`, { outputs: { endpoint: 'cache.example.net' } });
    const app = await eventFor(`${op}/${ip.app}`);
    expect(app.work).toMatchObject({ action: 'create', resourceId: ip.app, parameters: { password: 'correct horse', size: 2, mode: 'fast' } });
    await reportOk(`${op}/${ip.app}`, {
      outputs: { endpoint: 'app.example.net', port: '8443', nodeCount: '2' },
      endpoints: [{ name: 'app', host: 'app.example.net', port: 8443, publiclyAccessible: true }],
      nodes: [
        { id: 'app-0', availabilityZone: 'us-east-1a', status: 'RUNNING' },
        { id: 'app-1', availabilityZone: 'us-east-1b', status: 'RUNNING' },
      ],
    });

    const done = await settled(id, op);
    expect(done?.status).toBe('RUNNING');
    expect(Object.values(done!.resources).map((r) => r.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    const res = await describe_(customer.token, ip.path, id);
    expect(res.json.result_params).toMatchObject({ url: 'https://app.example.net:8443/?mode=fast', nodes: '2' });
    expect(res.json.detailedNetworkTopology[ip.app]).toMatchObject({ clusterEndpoint: 'app.example.net', clusterPorts: [8443], publiclyAccessible: true, nodes: [{ id: 'app-0' }, { id: 'app-1' }] });
    expect(res.json.detailedNetworkTopology[ip.db]).toMatchObject({ clusterEndpoint: '', nodes: [] });
    // Each piece of work started once, reported once.
    for (const r of [ip.db, ip.cache, ip.app]) expect(await getDriverWork(`${op}/${r}`)).toMatchObject({ driver: 'callback', starts: 1, status: 'REPORTED' });
  });

  it('a failure report ends it FAILED with the automation\'s reason, on the instance and on the resource', async () => {
    viaCallback();
    const id = await created(customer.token, ip.path);
    const op = await operationOf(id);
    await reportOk(`${op}/${ip.db}`, { outputs: {} });
    await reportOk(`${op}/${ip.cache}`, { failureReason: 'quota exceeded in the account' });
    const done = await settled(id, op);
    expect(done).toMatchObject({ status: 'FAILED', failureReason: 'quota exceeded in the account' });
    expect(done!.resources[ip.cache]).toMatchObject({ status: 'FAILED', failureReason: 'quota exceeded in the account' });
    // Db's report was recorded unless the failed level stopped its iteration first.
    expect(['RUNNING', 'DEPLOYING']).toContain(done!.resources[ip.db]!.status);
    // Nothing more was started after the failure.
    expect(await getDriverWork(`${op}/${ip.app}`)).toBeUndefined();
    expect(done!.resources[ip.app]!.status).toBe('PENDING');
    expect(done!.lastEvent).toMatchObject({ eventType: 'InstanceFailed', workflowFailures: [{ message: 'quota exceeded in the account' }] });
    expect((await describe_(customer.token, ip.path, id)).json).toMatchObject({ status: 'FAILED', failureReason: 'quota exceeded in the account' });
    expect(await waitForExecution(op)).toMatchObject({ status: 'FAILED', error: 'DeploymentFailed', cause: 'quota exceeded in the account' });
  });

  it('no report within the timeout: FAILED with the timeout reason; a late report is refused', async () => {
    viaCallback();
    process.env.DRIVER_CALLBACK_TIMEOUT_SECONDS = '1';
    const id = await created(customer.token, ip.path);
    const op = await operationOf(id);
    const db = await eventFor(`${op}/${ip.db}`);
    const done = await settled(id, op);
    const reason = 'no report from the deployment automation within 1 s';
    expect(done).toMatchObject({ status: 'FAILED', failureReason: reason });
    expect(Object.values(done!.resources).filter((r) => r.status === 'FAILED').map((r) => r.failureReason)).toContain(reason);
    expect(await waitForExecution(op)).toMatchObject({ status: 'FAILED', error: 'DeploymentTimedOut', cause: reason });
    const late = await report(db.callbackId, { outputs: {} });
    expect(late.status).toBe(409);
  });
});

describe('delete-resource-instance with the callback driver', () => {
  it('deprovisions dependents first, each on its report; then the instance is gone', async () => {
    const id = await created(customer.token, ip.path);
    expect((await settled(id))?.status).toBe('RUNNING');
    viaCallback();
    expect((await remove(customer.token, ip.path, id)).status).toBe(202);
    const op = await operationOf(id);
    const app = await eventFor(`${op}/${ip.app}`);
    expect(app.work).toMatchObject({ action: 'delete', instanceId: id, resourceId: ip.app });
    await new Promise((r) => setTimeout(r, 200));
    expect((await getResourceInstance(id))?.status).toBe('DELETING');
    expect(await getDriverWork(`${op}/${ip.db}`)).toBeUndefined();
    await reportOk(`${op}/${ip.app}`, {});
    await Promise.all([reportOk(`${op}/${ip.db}`, {}), reportOk(`${op}/${ip.cache}`, {})]);
    expect((await waitForExecution(op, { timeoutMs: 20_000 })).status).toBe('SUCCEEDED');
    expect(await getResourceInstance(id)).toBeUndefined();
    expect((await describe_(customer.token, ip.path, id)).status).toBe(404);
  });

  it('a failure report ends the delete FAILED with that reason (it may be asked again)', async () => {
    const id = await created(customer.token, ip.path);
    expect((await settled(id))?.status).toBe('RUNNING');
    viaCallback();
    expect((await remove(customer.token, ip.path, id)).status).toBe(202);
    const op = await operationOf(id);
    await reportOk(`${op}/${ip.app}`, { failureReason: 'volume still attached' });
    const done = await settled(id, op);
    expect(done).toMatchObject({ status: 'FAILED', failureReason: 'volume still attached' });
    expect(done!.resources[ip.app]).toMatchObject({ status: 'FAILED', failureReason: 'volume still attached' });
  });
});
