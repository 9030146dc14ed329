/**
 * Every instance response a client parses is valid against the reference's schemas (test/support/contract.ts),
 * with real values: a RUNNING instance of a plan with backups on, through create, describe, both lists, the
 * snapshot list, a restore and the dashboard token.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as generateToken } from '#functions/resource-instance/generate-token-for-deployment-cell-dashboard.ts';
import { contractProblems } from '../../support/contract.ts';
import { invoke } from '../../support/invoke.ts';
import { create, describe_, list, listAll, settled, subscriber, type InstancePlan } from './fixtures.ts';
import { backupPlan, body, restoreSnapshot, snapshotNow, snapshots } from './backup-fixtures.ts';

let ip: InstancePlan;
let customer: Awaited<ReturnType<typeof subscriber>>;
let instanceId: string;

beforeAll(async () => {
  ip = await backupPlan();
  customer = await subscriber(ip);
  const res = await create(customer.token, ip.path, body);
  expect(res.status, res.body).toBe(202);
  expect(contractProblems('CreateResourceInstance', 202, res.json)).toEqual([]);
  instanceId = res.json.id;
  expect((await settled(instanceId))!.status).toBe('RUNNING');
}, 60_000);

describe('CreateResourceInstance', () => {
  it('answers 202 with the id in the reference shape (checked in setup) and the id is DNS-safe', () => {
    expect(instanceId).toMatch(/^instance-[a-z0-9]+$/);
  });
});

describe('DescribeResourceInstance', () => {
  it('is valid against DescribeResourceInstanceResult for the customer and the provider, with a topology and backupStatus', async () => {
    await snapshotNow(instanceId);
    for (const token of [customer.token, ip.provider.token]) {
      const res = await describe_(token, ip.path, instanceId);
      expect(res.status, res.body).toBe(200);
      expect(contractProblems('DescribeResourceInstance', 200, res.json)).toEqual([]);
      expect(Object.keys(res.json.detailedNetworkTopology).length).toBeGreaterThan(0);
      expect(res.json.backupStatus.lastBackupTime).toEqual(expect.any(String));
    }
  });
});

describe('ListResourceInstances', () => {
  it('is valid against ListResourceInstancesResult', async () => {
    const res = await list(customer.token, ip.path);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListResourceInstances', 200, res.json)).toEqual([]);
    expect(res.json.ids).toContain(instanceId);
  });
});

describe('ListAllResourceInstances', () => {
  it('is valid against ListAllResourceInstancesResult', async () => {
    const res = await listAll(customer.token, { environmentType: 'DEV' });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListAllResourceInstances', 200, res.json)).toEqual([]);
    expect(res.json.resourceInstances.map((i: { id: string }) => i.id)).toContain(instanceId);
  });
});

describe('ListResourceInstanceSnapshots', () => {
  it('is valid against ListResourceInstanceSnapshotsResult', async () => {
    const res = await snapshots(customer.token, ip.path, instanceId);
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('ListResourceInstanceSnapshots', 200, res.json)).toEqual([]);
    expect(res.json.snapshots.length).toBeGreaterThan(0);
  });
});

describe('RestoreResourceInstanceFromSnapshot', () => {
  it('answers 202 with the new id in the reference shape', async () => {
    const snapshotId = (await snapshots(customer.token, ip.path, instanceId)).json.snapshots[0].snapshotId as string;
    const res = await restoreSnapshot(customer.token, ip.path, snapshotId, {});
    expect(res.status, res.body).toBe(202);
    expect(contractProblems('RestoreResourceInstanceFromSnapshot', 202, res.json)).toEqual([]);
    expect((await settled(res.json.id))!.status).toBe('RUNNING');
  });
});

describe('GenerateTokenForDeploymentCellDashboard', () => {
  it('is valid against GenerateTokenForDeploymentCellDashboardResult', async () => {
    const res = await invoke(generateToken, { token: customer.token, params: { id: instanceId }, query: { subscriptionId: customer.subscriptionId } });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('GenerateTokenForDeploymentCellDashboard', 200, res.json)).toEqual([]);
  });
});
