/**
 * AddCustomDNSToResourceInstance, RemoveCustomDNSFromResourceInstance (stored per resource, shown in describe's
 * topology) and UpdateResourceInstance (only modifiable parameters of the running version, nothing filled in).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resourceInstanceView } from '#shared/domain/resource-instance.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { addDns, instanceNow, lifecycleWorld, removeDns, runningInstance, settled, update, type World } from './fixtures-lifecycle.ts';

let w: World;
let otherProvider: TestSession;
beforeAll(async () => {
  w = await lifecycleWorld();
  otherProvider = await testSession('root', 'Other Provider');
});

describe('AddCustomDNSToResourceInstance', () => {
  it('stores the name (lower case, no trailing dot) and port on the resource; describe shows it in the topology', async () => {
    const inst = await runningInstance(w);
    const res = await addDns(w, inst.instanceId, { body: { customDNS: 'DB.Example.com.', targetPort: 5432 } });
    expect(res.status, res.body).toBe(202);
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('RUNNING');
    expect(done.resources[w.ids.app]!.customDNS).toEqual({ dnsName: 'db.example.com', targetPort: 5432 });
    const topology = resourceInstanceView(done).detailedNetworkTopology![w.ids.app] as Record<string, unknown>;
    // The reference's CustomDNSEndpoint fields: a CNAME from the provider's name to the resource's endpoint.
    expect(topology.customDNSEndpoint).toEqual({
      enabled: true,
      dnsHost: 'db.example.com',
      dnsName: 'db.example.com',
      cnameTarget: topology.clusterEndpoint,
      status: 'READY',
      targetPort: 5432,
    });
    expect(topology.clusterEndpoint).not.toBe('');
    expect(done.lastEvent?.eventType).toBe('InstanceCustomDNSAdded');
  });

  it('is 400 for what is not a DNS name', async () => {
    const inst = await runningInstance(w);
    for (const [customDNS, why] of [
      ['https://db.example.com', /no scheme, port or path/],
      ['localhost', /at least two labels/],
      ['-bad.example.com', /invalid label "-bad"/],
      ['10.0.0.1', /not an IP address/],
      ['', /must not be empty/],
    ] as const) {
      const res = await addDns(w, inst.instanceId, { body: { customDNS } });
      expect(res.status, customDNS).toBe(400);
      expect(res.json.message).toMatch(why);
    }
    expect((await addDns(w, inst.instanceId, { body: { customDNS: 'a.example.com', targetPort: 70000 } })).status).toBe(400);
  });

  it('is 409 while the resource has one, or the instance is not RUNNING; 404 for another provider', async () => {
    const inst = await runningInstance(w, { app: { customDNS: { dnsName: 'old.example.com' } } });
    const res = await addDns(w, inst.instanceId, { body: { customDNS: 'new.example.com' } });
    expect(res.status).toBe(409);
    expect(res.json.message).toBe('resource App already has custom DNS old.example.com; remove it first');
    const stopped = await runningInstance(w, { status: 'STOPPED' });
    expect((await addDns(w, stopped.instanceId, { body: { customDNS: 'new.example.com' } })).status).toBe(409);
    expect((await addDns(w, inst.instanceId, { body: { customDNS: 'new.example.com' }, token: otherProvider.token })).status).toBe(404);
  });
});

describe('AddCustomDNSToResourceInstance: one instance per name', () => {
  it('is 409 for a name another instance holds, also when two ask at once; a removed name is free again', async () => {
    const [a, b] = await Promise.all([runningInstance(w), runningInstance(w)]);
    expect((await addDns(w, a.instanceId, { body: { customDNS: 'shared.example.com' } })).status).toBe(202);
    await settled(a.instanceId);
    const taken = await addDns(w, b.instanceId, { body: { customDNS: 'Shared.Example.com.' } });
    expect(taken.status).toBe(409);
    expect(taken.json.message).toBe('custom DNS shared.example.com is in use by another instance');
    expect((await instanceNow(b.instanceId)).status).toBe('RUNNING');

    expect((await removeDns(w, a.instanceId)).status).toBe(202);
    await settled(a.instanceId);
    expect((await addDns(w, b.instanceId, { body: { customDNS: 'shared.example.com' } })).status).toBe(202);
    expect((await settled(b.instanceId)).resources[w.ids.app]!.customDNS?.dnsName).toBe('shared.example.com');

    const [c, d] = await Promise.all([runningInstance(w), runningInstance(w)]);
    const racing = await Promise.all([c, d].map((i) => addDns(w, i.instanceId, { body: { customDNS: 'race.example.com' } })));
    expect(racing.map((r) => r.status).sort()).toEqual([202, 409]);
  });
});

describe('RemoveCustomDNSFromResourceInstance', () => {
  it('removes the resource\'s custom DNS', async () => {
    const inst = await runningInstance(w, { app: { customDNS: { dnsName: 'old.example.com' } } });
    expect((await removeDns(w, inst.instanceId)).status).toBe(202);
    const done = await settled(inst.instanceId);
    expect(done.resources[w.ids.app]!.customDNS).toBeUndefined();
    expect(done.lastEvent?.eventType).toBe('InstanceCustomDNSRemoved');
  });

  it('is 404 when there is none, 404 for another provider, 400 for a bad id', async () => {
    const inst = await runningInstance(w);
    const res = await removeDns(w, inst.instanceId);
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('custom DNS not found');
    expect((await removeDns(w, inst.instanceId, { token: otherProvider.token })).status).toBe(404);
    expect((await removeDns(w, 'no such id')).status).toBe(400);
  });
});

describe('UpdateResourceInstance', () => {
  it('changes a modifiable parameter: DEPLOYING, then RUNNING with the new value; other values unchanged', async () => {
    const inst = await runningInstance(w);
    const res = await update(w, inst.instanceId, { body: { requestParams: { size: 'large', password: 'secret-1' }, ignoredField: 1 } });
    expect(res.status, res.body).toBe(202);
    expect((await instanceNow(inst.instanceId)).requestParams.size).toBe('small');
    const done = await settled(inst.instanceId);
    expect(done.status).toBe('RUNNING');
    expect(done.requestParams).toEqual({ size: 'large', password: 'secret-1' });
    expect(done.lastEvent).toMatchObject({ eventType: 'InstanceUpdated', message: 'instance updated (size)' });
  });

  it('is 400 naming a parameter that is not modifiable, or not one of the version, or a value out of its options', async () => {
    const inst = await runningInstance(w);
    const fixed = await update(w, inst.instanceId, { body: { requestParams: { password: 'other' } } });
    expect(fixed.status).toBe(400);
    expect(fixed.json.message).toBe('body.requestParams.password is not modifiable: it cannot change after the instance is created');
    const unknown = await update(w, inst.instanceId, { body: { requestParams: { colour: 'red' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/body\.requestParams\.colour is not/);
    const option = await update(w, inst.instanceId, { body: { requestParams: { size: 'huge' } } });
    expect(option.status).toBe(400);
    expect(option.json.message).toMatch(/body\.requestParams\.size "huge" is not one of "small", "large"/);
    expect((await update(w, inst.instanceId, { body: { network_type: 'SOMETIMES' } })).status).toBe(400);
    expect((await instanceNow(inst.instanceId)).status).toBe('RUNNING');
  });

  it('answers 202 and starts nothing when nothing changes', async () => {
    const inst = await runningInstance(w);
    expect((await update(w, inst.instanceId, { body: { requestParams: { size: 'small' } } })).status).toBe(202);
    const now = await instanceNow(inst.instanceId);
    expect(now).toMatchObject({ status: 'RUNNING', version: inst.version });
  });

  it('is 409 on a STOPPED instance, 404 for another provider', async () => {
    const inst = await runningInstance(w, { status: 'STOPPED' });
    expect((await update(w, inst.instanceId, { body: { requestParams: { size: 'large' } } })).status).toBe(409);
    expect((await update(w, inst.instanceId, { body: { requestParams: { size: 'large' } }, token: otherProvider.token })).status).toBe(404);
  });
});
