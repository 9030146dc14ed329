/**
 * Fixtures of the snapshot and restore tests: a released one-resource plan whose resource has backups on
 * (`backupConfiguration`: every hour, kept 7 days) in a PUBLIC DEV environment, a subscribed DEV customer, and
 * short callers of ListResourceInstanceSnapshots, RestoreResourceInstance and RestoreResourceInstanceFromSnapshot.
 * A snapshot is taken the way the job takes it (`backUpInstance` at the schedule's slot), then waited for.
 */
import { expect } from 'vitest';
import { operation as listSnapshots } from '#functions/resource-instance/list-resource-instance-snapshots.ts';
import { operation as restoreInstance } from '#functions/resource-instance/restore-resource-instance.ts';
import { operation as restoreFromSnapshot } from '#functions/resource-instance/restore-resource-instance-from-snapshot.ts';
import { operation as updateEnvironment } from '#functions/service-environment/update-service-environment.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { getService } from '#shared/data/entities/service.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getServiceApi } from '#shared/data/entities/service-api.ts';
import { getServiceModel } from '#shared/data/entities/service-model.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { findResource } from '#shared/data/entities/resource.ts';
import { findSnapshot, getBackupSchedule, type InstanceSnapshotItem } from '#shared/data/entities/instance-snapshot.ts';
import { backUpInstance } from '#shared/use-cases/resource-instance/backups.ts';
import { invoke, type InvokeResult } from '../../support/invoke.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';
import { testSession } from '../../support/session.ts';
import { waitForExecution } from '../../support/workflows.ts';
import { releaseOk, resourceIn, type Plan } from '../tier-version-set/fixtures.ts';
import type { InstancePlan, PlanPath } from './fixtures.ts';

const ok = async (r: Promise<InvokeResult>) => {
  const res = await r;
  expect(res.status, res.body).toBe(200);
  return res.json as string;
};

/** A released plan of one resource `Db` with backups on (hourly, 7 days); `app` is its id (as in fixtures.ts). */
export async function backupPlan(): Promise<InstancePlan> {
  const p = await testSession('root', 'Backup Provider');
  const tree = await serviceTree(p.token, `Bak ${Math.random().toString(36).slice(2, 8)}`);
  await ok(invoke(updateEnvironment, { token: p.token, params: { serviceId: tree.svc, id: tree.dev.env }, body: { visibility: 'PUBLIC' } }));
  const productTierId = await ok(
    invoke(createTier, {
      token: p.token,
      params: { serviceId: tree.svc },
      body: { serviceModelId: tree.hosted, name: 'Standard', description: 'Standard plan', planDescription: 'for customers', tierType: 'OMNISTRATE_DEDICATED_TENANCY', autoApproveSubscription: true, awsRegions: ['us-east-1'] },
    }),
  );
  const plan: Plan = { token: p.token, orgId: p.orgId, serviceId: tree.svc, environmentId: tree.dev.env, serviceApiId: tree.dev.api, serviceModelId: tree.hosted, productTierId };
  const db = await resourceIn(plan, 'Db', { backupConfiguration: { backupPeriodInHours: 1, backupRetentionInDays: 7 } });
  await releaseOk(plan);
  const [service, environment, api, model, t, r] = await Promise.all([
    getService(p.orgId, tree.svc),
    getEnvironment(p.orgId, tree.svc, tree.dev.env),
    getServiceApi(p.orgId, tree.svc, tree.dev.api),
    getServiceModel(p.orgId, tree.svc, tree.hosted),
    getProductTier(p.orgId, tree.svc, productTierId),
    findResource(tree.svc, db),
  ]);
  const path: PlanPath = { serviceProviderId: p.orgId, serviceKey: service.key, serviceAPIVersion: api.apiVersion, serviceEnvironmentKey: environment.key, serviceModelKey: model.key, productTierKey: t.key, resourceKey: r!.key };
  return { provider: p, plan, path, app: db, db, cache: db };
}

export const body = { cloud_provider: 'aws', region: 'us-east-1' };

/** One snapshot of the instance, taken as the job takes it at its next slot; COMPLETED once this returns. */
export async function snapshotNow(instanceId: string): Promise<InstanceSnapshotItem> {
  const schedule = await getBackupSchedule(instanceId);
  expect(schedule, 'the instance has a backup schedule').toBeDefined();
  const r = await backUpInstance(instanceId, new Date(schedule!.nextDueAt));
  expect(r.outcome).toBe('started');
  expect((await waitForExecution(r.snapshotId!)).status).toBe('SUCCEEDED');
  return (await findSnapshot(r.snapshotId!))!;
}

type Q = Record<string, string>;
export const snapshots = (token: string, path: PlanPath, id: string, query: Q = {}) => invoke(listSnapshots, { token, params: { ...path, id }, query });
export const restore = (token: string, path: PlanPath, id: string, b: Record<string, unknown>, query: Q = {}) => invoke(restoreInstance, { token, params: { ...path, id }, body: b, query });
export const restoreSnapshot = (token: string, path: PlanPath, snapshotId: string, b: Record<string, unknown> = {}, query: Q = {}) =>
  invoke(restoreFromSnapshot, { token, params: { ...path, snapshotId }, body: b, query });
