/**
 * ListResourceInstanceSnapshots, RestoreResourceInstance, RestoreResourceInstanceFromSnapshot: an instance of a
 * plan with backups on shows its backupStatus, its snapshots (taken as the job takes them), and restores as a
 * NEW instance through the create workflow (RUNNING, `restoredFrom`, the driver's `restore` with the source);
 * point-in-time restores stay within the retention window (400 naming it); a snapshot outlives its deleted
 * instance; tenancy (another customer, another provider: 404) and bad input (400) for each operation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDriverWork } from '#shared/data/entities/driver-work.ts';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { testSession, testCustomerSession, type TestSession } from '../../support/session.ts';
import { instanceWithBackups, snapshotAt } from '../../support/backup-fixtures.ts';
import { created, describe_, remove, settled, subscriber, type InstancePlan } from './fixtures.ts';
import { backupPlan, body, restore, restoreSnapshot, snapshotNow, snapshots } from './backup-fixtures.ts';

let ip: InstancePlan;
let customer: TestSession & { subscriptionId: string };
let stranger: TestSession;
let otherProvider: TestSession;
let instanceId: string;
let snapshotId: string;

beforeAll(async () => {
  ip = await backupPlan();
  customer = await subscriber(ip);
  stranger = await testCustomerSession(ip.provider, 'DEV');
  otherProvider = await testSession('root', 'Other Provider');
  instanceId = await created(customer.token, ip.path, body);
  expect((await settled(instanceId))!.status).toBe('RUNNING');
  snapshotId = (await snapshotNow(instanceId)).snapshotId;
}, 60_000);

describe('ListResourceInstanceSnapshots', () => {
  it('lists the snapshots, newest first, with status and progress; describe shows backupStatus', async () => {
    const second = await snapshotNow(instanceId);
    const res = await snapshots(customer.token, ip.path, instanceId);
    expect(res.status, res.body).toBe(200);
    expect(res.json.snapshots.map((s: { snapshotId: string }) => s.snapshotId)).toEqual([second.snapshotId, snapshotId]);
    expect(res.json.snapshots[0]).toEqual({ snapshotId: second.snapshotId, status: 'COMPLETED', progress: 100, createdTime: second.createdTime, completeTime: second.completeTime, encrypted: true });
    const d = await describe_(customer.token, ip.path, instanceId);
    expect(d.json.backupStatus).toMatchObject({ backupPeriodInHours: 1, backupRetentionInDays: 7, lastBackupTime: second.completeTime });
    expect(d.json.backupStatus.earliestRestoreTime <= second.completeTime!).toBe(true);
    expect((await snapshots(ip.provider.token, ip.path, instanceId)).status).toBe(200);
  });

  it('answers 404 to another customer and another provider, 400 to a malformed id', async () => {
    expect((await snapshots(stranger.token, ip.path, instanceId)).status).toBe(404);
    expect((await snapshots(otherProvider.token, { ...ip.path, serviceProviderId: otherProvider.orgId }, instanceId)).status).toBe(404);
    expect((await snapshots(customer.token, ip.path, 'instance-nope')).status).toBe(404);
    const bad = await snapshots(customer.token, ip.path, 'bad id!');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/id/);
  });
});

describe('RestoreResourceInstance', () => {
  it('restores to a point in time as a new RUNNING instance, from the newest snapshot before it', async () => {
    const at = new Date().toISOString();
    const res = await restore(customer.token, ip.path, instanceId, { targetRestoreTime: at });
    expect(res.status, res.body).toBe(202);
    const id = res.json.id as string;
    expect(id).not.toBe(instanceId);
    const operationId = (await getResourceInstance(id))!.activeOperation!.operationId;
    const item = await settled(id, operationId);
    expect(item!.status).toBe('RUNNING');
    const newest = (await snapshots(customer.token, ip.path, instanceId)).json.snapshots[0].snapshotId;
    expect(item!.restoredFrom).toEqual({ instanceId, snapshotId: newest, targetRestoreTime: at });
    const work = await getDriverWork(`${operationId}/${ip.app}`);
    expect(work).toMatchObject({ action: 'restore' });
    expect(work!.work.details).toEqual({ instanceId, snapshotId: newest, targetRestoreTime: at });
    expect((await getResourceInstance(instanceId))!.status).toBe('RUNNING');
  });

  it('refuses a time outside the retention window (naming it), a malformed time, and a missing one', async () => {
    const early = await restore(customer.token, ip.path, instanceId, { targetRestoreTime: '2001-01-01 00:00:00+00:00' });
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch(/^body\.targetRestoreTime must be within the restore window \S+ to \S+$/);
    const future = await restore(customer.token, ip.path, instanceId, { targetRestoreTime: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.status).toBe(400);
    expect((await restore(customer.token, ip.path, instanceId, { targetRestoreTime: 'yesterday' })).json.message).toMatch(/body.targetRestoreTime must be a date-time/);
    const missing = await restore(customer.token, ip.path, instanceId, { network_type: 'PUBLIC' });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/targetRestoreTime/);
  });

  it('answers 404 to another customer and another provider', async () => {
    const b = { targetRestoreTime: new Date().toISOString() };
    expect((await restore(stranger.token, ip.path, instanceId, b)).status).toBe(404);
    expect((await restore(otherProvider.token, { ...ip.path, serviceProviderId: otherProvider.orgId }, instanceId, b)).status).toBe(404);
  });
});

describe('RestoreResourceInstanceFromSnapshot', () => {
  it('restores a snapshot as a new RUNNING instance (driver action restore with the source), also after its instance was deleted', async () => {
    const source = await created(customer.token, ip.path, body);
    await settled(source);
    const snap = await snapshotNow(source);
    expect((await remove(customer.token, ip.path, source)).status).toBe(202);
    const gone = await settled(source);
    expect(gone, JSON.stringify({ status: gone?.status, failureReason: gone?.failureReason, op: gone?.activeOperation })).toBeUndefined();

    const res = await restoreSnapshot(customer.token, ip.path, snap.snapshotId, { network_type: 'PUBLIC' });
    expect(res.status, res.body).toBe(202);
    const before = await getResourceInstance(res.json.id);
    const operationId = before!.activeOperation!.operationId;
    const item = await settled(res.json.id, operationId);
    expect(item).toMatchObject({ status: 'RUNNING', restoredFrom: { instanceId: source, snapshotId: snap.snapshotId }, tierVersion: snap.tierVersion, networkType: 'PUBLIC' });
    const work = await getDriverWork(`${operationId}/${ip.app}`);
    expect(work).toMatchObject({ action: 'restore' });
    expect(work!.work.details).toEqual({ instanceId: source, snapshotId: snap.snapshotId });
    expect(item!.lastEvent).toBeDefined();
  });

  it('answers 409 for a snapshot not COMPLETED', async () => {
    const fixture = await instanceWithBackups({ providerOrgId: ip.provider.orgId, customerOrgId: customer.orgId });
    const own = { ...fixture, productTierId: ip.plan.productTierId, resourceId: ip.app, subscriptionId: customer.subscriptionId, environmentType: 'DEV' };
    const creating = await snapshotAt(own, new Date().toISOString(), { status: 'CREATING' });
    const res = await restoreSnapshot(customer.token, ip.path, creating.snapshotId);
    expect(res.status).toBe(409);
    expect(res.json.message).toBe(`snapshot ${creating.snapshotId} is CREATING; a restore needs COMPLETED`);
  });

  it("answers 404 to another subscribed customer, another provider, another plan's snapshot or an unknown one; 400 to a malformed id", async () => {
    // A customer with no subscription to the plan is refused before any snapshot is looked at; one with its own gets 404.
    const unsubscribed = await restoreSnapshot(stranger.token, ip.path, snapshotId);
    expect(unsubscribed.status).toBe(403);
    expect(unsubscribed.json.message).toBe('the caller has no ACTIVE subscription to this plan');
    const neighbour = await subscriber(ip);
    expect((await restoreSnapshot(neighbour.token, ip.path, snapshotId)).status).toBe(404);
    expect((await restoreSnapshot(otherProvider.token, { ...ip.path, serviceProviderId: otherProvider.orgId }, snapshotId)).status).toBe(404);
    const elsewhere = await snapshotAt(await instanceWithBackups({ providerOrgId: ip.provider.orgId, customerOrgId: customer.orgId }), new Date().toISOString());
    const other = await restoreSnapshot(customer.token, ip.path, elsewhere.snapshotId);
    expect(other.status).toBe(404);
    expect(other.json.message).toMatch(/snapshot/);
    expect((await restoreSnapshot(customer.token, ip.path, 'instance-ss-unknown')).status).toBe(404);
    expect((await restoreSnapshot(customer.token, ip.path, 'bad id!')).status).toBe(400);
  });
});
