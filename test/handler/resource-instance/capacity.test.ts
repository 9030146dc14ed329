/**
 * AddCapacityToResourceInstance, RemoveCapacityFromResourceInstance, FailoverResourceInstance: the replica
 * count moves within the resource's minReplicas/maxReplicas (400 naming the limit), failover needs a replica of
 * a multi-zone resource; a failed capacity change leaves the replicas and the instance RUNNING.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testSession, type TestSession } from '../../support/session.ts';
import { addCapacity, failover, instanceNow, lifecycleWorld, removeCapacity, runningInstance, settled, type World } from './fixtures-lifecycle.ts';

let w: World;
let otherProvider: TestSession;
beforeAll(async () => {
  w = await lifecycleWorld();
  otherProvider = await testSession('root', 'Other Provider');
});
afterEach(() => {
  delete process.env.DRIVER_FAILURES;
});

describe('AddCapacityToResourceInstance', () => {
  it('adds replicas to the instance resource up to its maxReplicas', async () => {
    const inst = await runningInstance(w);
    const res = await addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 1 } });
    expect(res.status, res.body).toBe(202);
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('RUNNING');
    expect(done.resources[w.ids.app]).toMatchObject({ replicas: 3, status: 'RUNNING' });
    expect(done.resources[w.ids.app]!.nodes).toHaveLength(3);
    expect(done.resources[w.ids.db]!.replicas).toBe(1);
    expect(done.lastEvent).toMatchObject({ eventType: 'InstanceCapacityChanged', message: 'resource App now runs 3 replicas' });
  });

  it('is 400 naming maxReplicas past the limit, and 400 for a missing or non-positive count', async () => {
    const inst = await runningInstance(w);
    const over = await addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 2 } });
    expect(over.status).toBe(400);
    expect(over.json.message).toBe('body.capacityToBeAdded 2 would take resource App to 4 replicas; its maxReplicas is 3 (it runs 2)');
    expect((await addCapacity(w, inst.instanceId, { body: {} })).status).toBe(400);
    expect((await addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 0 } })).status).toBe(400);
    expect((await instanceNow(inst.instanceId)).status).toBe('RUNNING');
  });

  it('is 409 on a STOPPED instance and 404 for another provider', async () => {
    const inst = await runningInstance(w, { status: 'STOPPED' });
    expect((await addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 1 } })).status).toBe(409);
    expect((await addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 1 }, token: otherProvider.token })).status).toBe(404);
  });

  it('a scale the driver refuses leaves the replicas as they were and the instance RUNNING with the reason', async () => {
    process.env.DRIVER_FAILURES = 'app/scale=no capacity left in us-east-1';
    const inst = await runningInstance(w);
    expect((await addCapacity(w, inst.instanceId, { body: { capacityToBeAdded: 1 } })).status).toBe(202);
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('RUNNING');
    expect(done.failureReason).toBe('capacity change failed at resource App: no capacity left in us-east-1');
    expect(done.resources[w.ids.app]).toMatchObject({ replicas: 2, status: 'RUNNING', failureReason: 'no capacity left in us-east-1' });
    expect(done.lastEvent).toMatchObject({ eventType: 'InstanceCapacityChangeFailed', eventSource: 'Workflow' });
    expect(done.lastEvent?.workflowFailures?.[0]?.message).toMatch(/no capacity left/);
  });
});

describe('RemoveCapacityFromResourceInstance', () => {
  it('removes replicas down to minReplicas', async () => {
    const inst = await runningInstance(w);
    expect((await removeCapacity(w, inst.instanceId, { body: { capacityToBeRemoved: 1 } })).status).toBe(202);
    expect((await settled(inst.instanceId)).resources[w.ids.app]!.replicas).toBe(1);
  });

  it('is 400 naming minReplicas below the limit, 400 for a bad body, 404 for another provider', async () => {
    const inst = await runningInstance(w);
    const under = await removeCapacity(w, inst.instanceId, { body: { capacityToBeRemoved: 2 } });
    expect(under.status).toBe(400);
    expect(under.json.message).toBe('body.capacityToBeRemoved 2 would take resource App to 0 replicas; its minReplicas is 1 (it runs 2)');
    expect((await removeCapacity(w, inst.instanceId, { body: { capacityToBeRemoved: 'many' } })).status).toBe(400);
    expect((await removeCapacity(w, inst.instanceId, { body: { capacityToBeRemoved: 1 }, token: otherProvider.token })).status).toBe(404);
  });

  it('is 400 when the resource has fixed capacity (minReplicas = maxReplicas, no autoscaling)', async () => {
    const inst = await runningInstance(w, { app: { replicas: 2, minReplicas: 2, maxReplicas: 2 } });
    const res = await removeCapacity(w, inst.instanceId, { body: { capacityToBeRemoved: 1 } });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/its minReplicas is 2/);
  });
});

describe('FailoverResourceInstance', () => {
  it('fails a replica of the multi-zone resource over: DEPLOYING, then RUNNING, the work naming the replica', async () => {
    const inst = await runningInstance(w);
    const res = await failover(w, inst.instanceId, { body: { failedReplicaID: 'app-0', failedReplicaAction: 'FAILOVER_AND_RESTART' } });
    expect(res.status, res.body).toBe(202);
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('RUNNING');
    expect(done.lastEvent).toMatchObject({ eventType: 'InstanceFailedOver', message: 'resource App failed over from replica app-0' });
  });

  it('is 400 for a replica the resource does not have, or a resource that is not multi-zone', async () => {
    const inst = await runningInstance(w);
    const unknown = await failover(w, inst.instanceId, { body: { failedReplicaID: 'db-9' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe('body.failedReplicaID db-9 is not a replica of resource App (its replicas: app-0, app-1)');
    const single = await runningInstance(w, { app: { multiZone: false } });
    const res = await failover(w, single.instanceId, { body: { failedReplicaID: 'app-0' } });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/is not multi-zone/);
    expect((await failover(w, inst.instanceId, { body: {} })).status).toBe(400);
  });

  it('is 409 with one replica (none to take over) or when not RUNNING, 404 for another provider', async () => {
    const one = await runningInstance(w, { app: { replicas: 1, minReplicas: 1, maxReplicas: 3 } });
    const res = await failover(w, one.instanceId, { body: { failedReplicaID: 'app-0' } });
    expect(res.status).toBe(409);
    expect(res.json.message).toBe('resource App runs one replica; failover needs another one to take over');
    const stopped = await runningInstance(w, { status: 'STOPPED' });
    expect((await failover(w, stopped.instanceId, { body: { failedReplicaID: 'app-0' } })).status).toBe(409);
    expect((await failover(w, stopped.instanceId, { body: { failedReplicaID: 'app-0' }, token: otherProvider.token })).status).toBe(404);
  });
});
