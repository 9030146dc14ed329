/**
 * PromoteServiceEnvironment and PromoteServiceEnvironmentStatus, in-process: the request gives each target
 * plan its first versions at once, the promote-environment workflow (run by the test worker's local runner)
 * brings later releases over, and the status compares source and target for real.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as promote } from '#functions/service-environment/promote-service-environment.ts';
import { operation as promoteStatus } from '#functions/service-environment/promote-service-environment-status.ts';
import { operation as listServicePlans } from '#functions/service-plan/list-service-plans.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { latestExecutionsOfSubject } from '#shared/data/entities/workflow-execution.ts';
import { subjectKey } from '#shared/domain/workflow-execution.ts';
import { hasPendingChanges, releaseStateOf } from '#shared/data/entities/tier-version-set.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { environmentsOf } from '#shared/data/entities/environment.ts';
import { invoke } from '../../support/invoke.ts';
import { testMember, testSession, type TestSession } from '../../support/session.ts';
import { waitForExecution } from '../../support/workflows.ts';
import { contractProblems } from '../../support/contract.ts';
import { newPlan, releaseOk, resourceIn, statuses, type Plan } from '../tier-version-set/fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  [root, other] = await Promise.all([testSession('root'), testSession('root', 'Other Org')]);
  reader = await testMember(root, 'reader');
});

const envPath = (p: Plan, id: string) => ({ serviceId: p.serviceId, id });
const prodOf = async (p: Plan): Promise<string> => {
  return (await environmentsOf(p.serviceId)).find((e) => e.sourceEnvironmentId === p.environmentId)!.environmentId;
};

/** The plans PROD lists, with the versions of each. */
async function prodPlans(p: Plan, prod: string) {
  const res = await invoke(listServicePlans, { token: root.token, params: { serviceId: p.serviceId, serviceEnvironmentId: prod } });
  expect(res.status, res.body).toBe(200);
  return res.json.servicePlans as { productTierId: string; productTierName: string; productTierKey: string; latestMajorVersion: string; versionSetStatus: string }[];
}

async function latestPromotion(p: Plan) {
  const page = await latestExecutionsOfSubject(p.orgId, 'promote-environment', subjectKey({ serviceId: p.serviceId, environmentId: p.environmentId }), { limit: 1 });
  return waitForExecution(page.items[0].executionName);
}

describe('PromoteServiceEnvironment', () => {
  it('answers 202 with PROD already holding the plan and its versions, and the workflow ends IN_SYNC', async () => {
    const p = await newPlan(root.token, root.orgId, 'Promoted');
    await resourceIn(p, 'Writer');
    await releaseOk(p);
    await resourceIn(p, 'Reader');
    await releaseOk(p, { isPreferred: true });
    const prod = await prodOf(p);
    expect((await invoke(promoteStatus, { token: root.token, params: envPath(p, p.environmentId) })).json).toEqual([{ targetEnvironmentID: prod, status: 'OUT_OF_SYNC' }]);

    const res = await invoke(promote, { token: root.token, params: envPath(p, p.environmentId) });
    expect(res.status, res.body).toBe(202);
    // Right after the answer: the plan is there under its name and key, with a new id, and its versions.
    const [plan] = await prodPlans(p, prod);
    expect(plan).toMatchObject({ productTierName: 'Gold', productTierKey: 'gold', latestMajorVersion: '2.0', versionSetStatus: 'Preferred' });
    expect(plan.productTierId).not.toBe(p.productTierId);
    const prodPlan: Plan = { ...p, productTierId: plan.productTierId, environmentId: prod };
    expect(await statuses(prodPlan)).toEqual({ '1.0': 'Active', '2.0': 'Preferred' });

    const run = await latestPromotion(p);
    expect(run.status, JSON.stringify(run)).toBe('SUCCEEDED');
    const status = await invoke(promoteStatus, { token: root.token, params: envPath(p, p.environmentId) });
    expect(status.status, status.body).toBe(200);
    expect(contractProblems('PromoteServiceEnvironmentStatus', 200, status.json)).toEqual([]);
    expect(status.json).toEqual([{ targetEnvironmentID: prod, status: 'IN_SYNC' }]);
    // PROD's plan has nothing pending: its current definition is its newest version.
    expect(await hasPendingChanges(await getProductTier(p.orgId, p.serviceId, plan.productTierId))).toBe(false);
  });

  it('promoting again after a new release brings only the new version over, and changes nothing else', async () => {
    const p = await newPlan(root.token, root.orgId, 'Repromoted');
    const writer = await resourceIn(p, 'Writer');
    await releaseOk(p, { isPreferred: true });
    const prod = await prodOf(p);
    expect((await invoke(promote, { token: root.token, params: envPath(p, p.environmentId) })).status).toBe(202);
    await latestPromotion(p);
    const [before] = await prodPlans(p, prod);
    const prodTierBefore = await getProductTier(p.orgId, p.serviceId, before.productTierId);

    const upd = await invoke(updateResource, { token: root.token, params: { serviceId: p.serviceId, id: writer }, body: { description: 'tuned' } });
    expect(upd.status, upd.body).toBe(200);
    await releaseOk(p, { isPreferred: true });
    expect((await invoke(promoteStatus, { token: root.token, params: envPath(p, p.environmentId) })).json[0].status).toBe('OUT_OF_SYNC');
    expect((await invoke(promote, { token: root.token, params: envPath(p, p.environmentId) })).status).toBe(202);
    const run = await latestPromotion(p);
    expect(run.status, JSON.stringify(run)).toBe('SUCCEEDED');

    const [after] = await prodPlans(p, prod);
    expect(after.productTierId).toBe(before.productTierId);
    const prodPlan: Plan = { ...p, productTierId: after.productTierId, environmentId: prod };
    expect(await statuses(prodPlan)).toEqual({ '1.0': 'Active', '2.0': 'Preferred' });
    const prodTier = await getProductTier(p.orgId, p.serviceId, after.productTierId);
    expect(releaseStateOf(prodTier)?.latestReleased?.version).toBe('2.0');
    expect(prodTier.createdAt).toBe(prodTierBefore.createdAt);
    expect((await invoke(promoteStatus, { token: root.token, params: envPath(p, p.environmentId) })).json[0].status).toBe('IN_SYNC');
  });

  it('refuses an environment nothing is promoted from, or with nothing released (409), and readers (403)', async () => {
    const p = await newPlan(root.token, root.orgId, 'Unreleased');
    await resourceIn(p, 'Writer');
    const nothing = await invoke(promote, { token: root.token, params: envPath(p, p.environmentId) });
    expect(nothing.status, nothing.body).toBe(409);
    expect(nothing.json.message).toMatch(/nothing is released/);
    const prod = await prodOf(p);
    const noTarget = await invoke(promote, { token: root.token, params: envPath(p, prod) });
    expect(noTarget.status, noTarget.body).toBe(409);
    expect(noTarget.json.message).toMatch(/no environment is promoted from/);
    expect((await invoke(promote, { token: reader.token, params: envPath(p, p.environmentId) })).status).toBe(403);
  });

  it("never reaches another org's environment (404), whatever ids it sends", async () => {
    const p = await newPlan(root.token, root.orgId, 'Private');
    await resourceIn(p, 'Writer');
    await releaseOk(p);
    const res = await invoke(promote, { token: other.token, params: envPath(p, p.environmentId) });
    expect(res.status, res.body).toBe(404);
    expect((await invoke(promoteStatus, { token: other.token, params: envPath(p, p.environmentId) })).status).toBe(404);
    const bad = await invoke(promote, { token: root.token, params: { serviceId: p.serviceId, id: 'x'.repeat(300) } });
    expect(bad.status).toBe(400);
  });
});

describe('PromoteServiceEnvironmentStatus', () => {
  it('is UNKNOWN while nothing is released, one entry per environment promoted from this one', async () => {
    const p = await newPlan(root.token, root.orgId, 'Status');
    const prod = await prodOf(p);
    const res = await invoke(promoteStatus, { token: reader.token, params: envPath(p, p.environmentId) });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toEqual([{ targetEnvironmentID: prod, status: 'UNKNOWN' }]);
    expect((await invoke(promoteStatus, { token: root.token, params: envPath(p, prod) })).json).toEqual([]);
  });
});
