/** DescribeResourceInstance, ListResourceInstances, ListAllResourceInstances, DeleteResourceInstance. */
import { beforeAll, describe, expect, it } from 'vitest';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { getUser } from '#shared/data/entities/user.ts';
import { getItem } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { operation as addDnsOp } from '#functions/resource-instance/add-custom-dns-to-resource-instance.ts';
import { invoke } from '../../support/invoke.ts';
import { testCustomerSession, testMember, testSession } from '../../support/session.ts';
import { listDriverWorkOfInstance } from '../../support/instance-driver-work.ts';
import { created, describe_, goodBody, instancePlan, list, listAll, remove, settled, subscriber, type InstancePlan } from './fixtures.ts';

let ip: InstancePlan;
let customer: Awaited<ReturnType<typeof subscriber>>;
let running: string;

beforeAll(async () => {
  ip = await instancePlan();
  customer = await subscriber(ip);
  running = await created(customer.token, ip.path);
  expect((await settled(running))?.status).toBe('RUNNING');
}, 60_000);

describe('DescribeResourceInstance', () => {
  it('answers the customer and the provider; 404 `not found` for another customer, another provider, another path', async () => {
    expect((await describe_(customer.token, ip.path, running)).json).toMatchObject({ id: running, status: 'RUNNING', subscriptionStatus: 'ACTIVE' });
    expect((await describe_(ip.provider.token, ip.path, running)).status).toBe(200);
    expect((await describe_(ip.provider.token, ip.path, running, { subscriptionId: customer.subscriptionId })).status).toBe(200);
    const other = await subscriber(ip);
    const res = await describe_(other.token, ip.path, running);
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('resource instance not found');
    expect((await describe_((await testSession('root', 'Elsewhere')).token, ip.path, running)).status).toBe(404);
    expect((await describe_(customer.token, { ...ip.path, resourceKey: 'db' }, running)).status).toBe(404);
    expect((await describe_(customer.token, ip.path, 'instance-nope')).status).toBe(404);
  });

  it("resolves the path's serviceProviderId as the provider's sp- id (or its org id), never another provider's", async () => {
    expect((await describe_(customer.token, { ...ip.path, serviceProviderId: ip.provider.orgId }, running)).status).toBe(200);
    const elsewhere = await testSession('root', 'Other Provider');
    const { getProviderProfile } = await import('#shared/data/entities/org.ts');
    const theirs = (await getProviderProfile(elsewhere.orgId)).serviceProviderId;
    const res = await describe_(customer.token, { ...ip.path, serviceProviderId: theirs }, running);
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('service not found');
  });

  it('bad input: an id that is no id is 400 naming it', async () => {
    const res = await describe_(customer.token, ip.path, 'bad id!');
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('id');
  });
});

describe('ListResourceInstances', () => {
  it("answers the customer's subscription's ids, the provider's all (or one subscription's), and nobody else's", async () => {
    const other = await subscriber(ip);
    const theirs = await created(other.token, ip.path);
    expect((await list(customer.token, ip.path)).json.ids).toEqual([running]);
    expect((await list(other.token, ip.path)).json.ids).toEqual([theirs]);
    expect((await list(ip.provider.token, ip.path)).json.ids.sort()).toEqual([running, theirs].sort());
    expect((await list(ip.provider.token, ip.path, { subscriptionId: other.subscriptionId })).json.ids).toEqual([theirs]);
    expect((await list(customer.token, ip.path, { subscriptionId: other.subscriptionId })).status).toBe(404);
    expect((await list((await testSession('root', 'Elsewhere')).token, ip.path)).status).toBe(404);
    await settled(theirs);
  });

  it('pages with a signed token; a forged one is 400', async () => {
    const first = await list(ip.provider.token, ip.path, { pageSize: '1' });
    expect(first.json.ids).toHaveLength(1);
    expect(first.json.nextPageToken).toBeTruthy();
    const bad = await list(ip.provider.token, ip.path, { nextPageToken: 'forged.token' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('nextPageToken is invalid');
    expect((await list(ip.provider.token, ip.path, { pageSize: '0' })).status).toBe(400);
  });
});

describe('ListAllResourceInstances', () => {
  it("customers see their subscriptions' instances, providers their services', narrowed by environmentType", async () => {
    const mine = await listAll(customer.token);
    expect(mine.status, mine.body).toBe(200);
    expect(mine.json.resourceInstances.map((i: { id: string }) => i.id)).toEqual([running]);
    const provider = await listAll(ip.provider.token, { environmentType: 'DEV' });
    expect(provider.json.resourceInstances.map((i: { id: string }) => i.id)).toContain(running);
    expect((await listAll(ip.provider.token, { environmentType: 'PROD' })).json.resourceInstances).toEqual([]);
    expect((await listAll(customer.token, { environmentType: 'PROD' })).json.resourceInstances).toEqual([]);
    const stranger = await testCustomerSession(ip.provider, 'DEV');
    expect((await listAll(stranger.token)).json.resourceInstances).toEqual([]);
    expect((await listAll((await testSession('root', 'Elsewhere')).token)).json.resourceInstances).toEqual([]);
  });

  it('bad input: pageSize out of range is 400 naming it', async () => {
    const res = await listAll(customer.token, { pageSize: '1000' });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('pageSize');
  });
});

describe('DeleteResourceInstance', () => {
  it('DELETING at once, then gone: describe 404 `not found`, counts dropped, each resource deprovisioned once', async () => {
    const c = await subscriber(ip);
    const id = await created(c.token, ip.path);
    await settled(id);
    expect((await getUser(c.orgId, c.userId))?.soleRootOfInstancedSubscriptions).toBe(1);
    const dns = await invoke(addDnsOp, { token: c.token, params: { ...ip.path, id }, query: {}, body: { customDNS: 'gone-with-it.example.com' } });
    expect(dns.status, dns.body).toBe(202);
    await settled(id);
    expect(await getItem(keys.customDnsGuard('gone-with-it.example.com'))).toBeDefined();
    const res = await remove(c.token, ip.path, id);
    expect(res.status, res.body).toBe(202);
    const deleting = await getResourceInstance(id);
    expect(deleting?.status).toBe('DELETING');
    expect(await settled(id, deleting!.activeOperation!.operationId)).toBeUndefined();
    const gone = await describe_(c.token, ip.path, id);
    expect(gone.status).toBe(404);
    expect(gone.json.message).toContain('not found');
    expect((await getSubscription(c.subscriptionId))?.instanceCount).toBe(0);
    expect((await getUser(c.orgId, c.userId))?.soleRootOfInstancedSubscriptions).toBe(0);
    const work = await listDriverWorkOfInstance(id);
    expect(work.filter((w) => w.action === 'delete').map((w) => w.resourceId).sort()).toEqual([ip.app, ip.db, ip.cache].sort());
    expect(work.filter((w) => w.action === 'delete')[0]!.resourceId).toBe(ip.app);
    expect((await list(c.token, ip.path)).json.ids).toEqual([]);
    // Its custom DNS name is free again.
    expect(await getItem(keys.customDnsGuard('gone-with-it.example.com'))).toBeUndefined();
  });

  it('409 invalid_state while DEPLOYING or DELETING; a FAILED instance may be deleted', async () => {
    const c = await subscriber(ip);
    const id = await created(c.token, ip.path);
    const busy = await remove(c.token, ip.path, id);
    if (busy.status === 409) expect(busy.json.message).toBe('instance is DEPLOYING; delete needs RUNNING or STOPPED or FAILED');
    else expect(busy.status).toBe(202); // the zero-delay workflow may already have finished
    await settled(id);
    const failed = await created(c.token, ip.path, goodBody({ simulatedFailure: 'broken on purpose' }));
    expect((await settled(failed))?.status).toBe('FAILED');
    expect((await remove(c.token, ip.path, failed)).status).toBe(202);
    const again = await remove(c.token, ip.path, failed);
    if ((await getResourceInstance(failed))?.status === 'DELETING') expect(again.json.message).toBe('instance is DELETING; delete needs RUNNING or STOPPED or FAILED');
    await settled(failed);
    expect(await getResourceInstance(failed)).toBeUndefined();
  });

  it('tenancy: another customer and another provider get 404; a provider reader 403', async () => {
    const other = await subscriber(ip);
    expect((await remove(other.token, ip.path, running)).status).toBe(404);
    expect((await remove((await testSession('root', 'Elsewhere')).token, ip.path, running)).status).toBe(404);
    const reader = await testMember(ip.provider, 'reader');
    expect((await remove(reader.token, ip.path, running)).status).toBe(403);
    expect((await getResourceInstance(running))?.status).toBe('RUNNING');
  });

  it('bad input: an id that is no id is 400', async () => {
    expect((await remove(customer.token, ip.path, 'bad id!')).status).toBe(400);
  });
});
