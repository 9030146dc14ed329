/**
 * Fixtures of the pending-changes tests: a plan under a real service API (through the handlers), a definition
 * seeded through the use cases, a release through the versions group's routine, and a byte-exact picture of
 * every describe of the plan (tier, resources, parameters, file metadata and bytes).
 */
import { expect } from 'vitest';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as describePending } from '#functions/service-api/describe-pending-changes.ts';
import { operation as discardPending } from '#functions/service-api/discard-pending-changes.ts';
import { describeProductTier } from '#shared/use-cases/product-tier.ts';
import { listResources } from '#shared/use-cases/resource/resource.ts';
import { listInputParameter } from '#shared/use-cases/input-parameter.ts';
import { listOutputParameter } from '#shared/use-cases/output-parameter.ts';
import { getFile, listFiles } from '#shared/use-cases/resource/file.ts';
import { releaseTierVersion } from '#shared/use-cases/tier-version-set/release.ts';
import { invoke } from '../../support/invoke.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';
import { callerOf } from '../../support/resource-fixtures.ts';
import type { TestSession } from '../../support/session.ts';

export interface Plan {
  svc: string;
  api: string;
  tier: string;
  /** Another service API of the same service (PROD's). */
  otherApi: string;
}

let n = 0;

/** A service with DEV/PROD APIs and one plan under DEV's hosted model. */
export async function newPlan(root: TestSession): Promise<Plan> {
  const t = await serviceTree(root.token, `Pending ${process.pid}-${n++}-${Date.now()}`);
  const res = await invoke(createTier, {
    token: root.token,
    params: { serviceId: t.svc },
    body: { serviceModelId: t.hosted, name: 'Standard', description: 'a plan', planDescription: 'for customers', tierType: 'OMNISTRATE_MULTI_TENANCY' },
  });
  expect(res.status, res.body).toBe(200);
  return { svc: t.svc, api: t.dev.api, tier: res.json, otherApi: t.prod.api };
}

export const describeOf = (p: Plan, token: string, query: Record<string, string> = { productTierId: p.tier }, api = p.api) =>
  invoke(describePending, { token, params: { serviceId: p.svc, id: api }, query });

export const discardOf = (p: Plan, token: string, query: Record<string, string> = { productTierId: p.tier }, api = p.api) =>
  invoke(discardPending, { token, params: { serviceId: p.svc, id: api }, query });

export async function release(root: TestSession, p: Plan): Promise<void> {
  await releaseTierVersion(callerOf(root), { serviceId: p.svc, productTierId: p.tier, type: 'Major', preferred: true, dryRun: false });
}

/** Everything the describes and lists of the plan answer, file bytes included, as one string. */
export async function picture(root: TestSession, p: Plan): Promise<string> {
  const c = callerOf(root);
  const tier = await describeProductTier(c, { serviceId: p.svc, id: p.tier });
  const resources = await listResources(c, p.svc, p.tier);
  const details = await Promise.all(
    resources.ids.map(async (id) => {
      const files = await listFiles(c, p.svc, id);
      return {
        id,
        inputs: await listInputParameter(c, p.svc, id),
        outputs: await listOutputParameter(c, p.svc, id),
        files,
        bytes: await Promise.all(files.files.map(async (f) => (await getFile(c, p.svc, id, f.fileId)).body.toString('base64'))),
      };
    }),
  );
  return JSON.stringify({ tier, resources, details });
}
