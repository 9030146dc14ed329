/**
 * StartResourceInstance, StopResourceInstance, RestartResourceInstance: 202 with the transitional status, the
 * workflow settles it; illegal moves are 409 `invalid_state`; tenancy; bad input; two concurrent actions on one
 * instance — one 202, one 409.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testCustomerSession, testSession, testMember, type TestSession } from '../../support/session.ts';
import { lifecycleWorld, instanceNow, restart, runningInstance, settled, start, stop, type World } from './fixtures-lifecycle.ts';

let w: World;
let stranger: TestSession;
let otherProvider: TestSession;
beforeAll(async () => {
  w = await lifecycleWorld();
  [stranger, otherProvider] = await Promise.all([testCustomerSession(w.provider, 'DEV'), testSession('root', 'Other Provider')]);
});

describe('StopResourceInstance', () => {
  it('answers 202 with the instance STOPPING and the request in its facts; the workflow stops every resource and settles STOPPED', async () => {
    const inst = await runningInstance(w);
    const res = await stop(w, inst.instanceId);
    expect(res.status, res.body).toBe(202);
    const during = await instanceNow(inst.instanceId);
    expect(['STOPPING', 'STOPPED']).toContain(during.status);
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('STOPPED');
    expect(Object.values(done.resources).map((r) => r.status)).toEqual(['STOPPED', 'STOPPED', 'STOPPED']);
    expect(done.lastEvent).toMatchObject({ eventType: 'InstanceStopped', eventSource: 'Workflow', resourceInstanceId: inst.instanceId, subscriptionId: w.subscriptionId });
    expect(done.updatedAt > inst.updatedAt).toBe(true);
  });

  it('is 409 invalid_state on a STOPPED or DEPLOYING instance', async () => {
    for (const status of ['STOPPED', 'DEPLOYING'] as const) {
      const inst = await runningInstance(w, { status });
      const res = await stop(w, inst.instanceId);
      expect(res.status, res.body).toBe(409);
      expect(res.json).toMatchObject({ name: 'invalid_state', message: `instance is ${status}; stop needs RUNNING` });
    }
  });

  it('is 404 for another customer of the provider and for another provider, whatever the ids', async () => {
    const inst = await runningInstance(w);
    const other = await stop(w, inst.instanceId, { token: stranger.token });
    expect([403, 404]).toContain(other.status);
    const foreign = await stop(w, inst.instanceId, { token: otherProvider.token });
    expect(foreign.status, foreign.body).toBe(404);
    expect((await instanceNow(inst.instanceId)).status).toBe('RUNNING');
  });

  it('is 400 for an id that is not one, and 404 for a missing instance', async () => {
    expect((await stop(w, 'not an id!')).status).toBe(400);
    const missing = await stop(w, 'instance-nothere0');
    expect(missing.status, missing.body).toBe(404);
    expect(missing.json.message).toMatch(/not found/);
  });

  it('lets the provider stop its customer\'s instance, and refuses a provider reader (403)', async () => {
    const inst = await runningInstance(w);
    const reader = await testMember(w.provider, 'reader');
    expect((await stop(w, inst.instanceId, { token: reader.token })).status).toBe(403);
    const res = await stop(w, inst.instanceId, { token: w.provider.token });
    expect(res.status, res.body).toBe(202);
    expect((await settled(inst.instanceId)).lastEvent?.userId).toBe(w.provider.userId);
  });
});

describe('StartResourceInstance', () => {
  it('starts a STOPPED instance: DEPLOYING, then RUNNING with every resource RUNNING', async () => {
    const inst = await runningInstance(w, { status: 'STOPPED' });
    const res = await start(w, inst.instanceId);
    expect(res.status, res.body).toBe(202);
    expect(['DEPLOYING', 'RUNNING']).toContain((await instanceNow(inst.instanceId)).status);
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('RUNNING');
    expect(done.lastEvent?.eventType).toBe('InstanceStarted');
  });

  it('is 409 invalid_state on a RUNNING instance', async () => {
    const inst = await runningInstance(w);
    const res = await start(w, inst.instanceId);
    expect(res.status).toBe(409);
    expect(res.json.message).toBe('instance is RUNNING; start needs STOPPED');
  });

  it('is 404 for another provider and 400 for a bad id', async () => {
    const inst = await runningInstance(w, { status: 'STOPPED' });
    expect((await start(w, inst.instanceId, { token: otherProvider.token })).status).toBe(404);
    expect((await start(w, '../x')).status).toBe(400);
  });
});

describe('RestartResourceInstance', () => {
  it('restarts a RUNNING instance: DEPLOYING, then RUNNING', async () => {
    const inst = await runningInstance(w);
    expect((await restart(w, inst.instanceId)).status).toBe(202);
    const done = await settled(inst.instanceId);
    expect(done).toMatchObject({ status: 'RUNNING', statusMessage: '' });
    expect(done.lastEvent?.eventType).toBe('InstanceRestarted');
  });

  it('is 409 on a STOPPED instance, 404 for another provider, 400 for a bad id', async () => {
    const inst = await runningInstance(w, { status: 'STOPPED' });
    expect((await restart(w, inst.instanceId)).status).toBe(409);
    expect((await restart(w, inst.instanceId, { token: otherProvider.token })).status).toBe(404);
    expect((await restart(w, 'x y')).status).toBe(400);
  });

  it('of two concurrent actions on one instance, one is accepted (202) and the other refused (409)', async () => {
    const inst = await runningInstance(w);
    const answers = await Promise.all([restart(w, inst.instanceId), stop(w, inst.instanceId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    expect(answers.find((a) => a.status === 409)!.json.name).toBe('invalid_state');
    const done = await settled(inst.instanceId);
    expect(['RUNNING', 'STOPPED']).toContain(done.status);
  });
});
