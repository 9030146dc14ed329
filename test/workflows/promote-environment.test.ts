/**
 * The promote-environment machine end to end in-process (the test worker's local runner, the real ASL file and
 * task modules): a run that carries every plan, and a run whose PromoteNextPlan step meets a real refusal —
 * the target environment's service API is deprecated, so it takes no new model — whose error and cause end
 * up on the execution record, with nothing half-promoted.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as deprecateApi } from '#functions/service-api/deprecate-service-api.ts';
import { startWorkflow } from '#shared/workflows/start.ts';
import { environmentsOf } from '#shared/data/entities/environment.ts';
import { serviceApiIdOfEnvironment } from '#shared/data/entities/service-api.ts';
import { serviceModelsOfApi } from '#shared/data/entities/service-model.ts';
import { PROMOTE_WORKFLOW } from '#shared/use-cases/promotion/promote.ts';
import { invoke } from '../support/invoke.ts';
import { testSession, type TestSession } from '../support/session.ts';
import { waitForExecution } from '../support/workflows.ts';
import { newPlan, releaseOk, resourceIn, type Plan } from '../handler/tier-version-set/fixtures.ts';

let root: TestSession;
beforeAll(async () => {
  root = await testSession('root');
});

async function run(p: Plan) {
  const executionName = `promote-test-${randomBytes(6).toString('hex')}`;
  await startWorkflow(PROMOTE_WORKFLOW, {
    orgId: p.orgId,
    executionName,
    subject: { serviceId: p.serviceId, environmentId: p.environmentId },
    input: { serviceId: p.serviceId, sourceEnvironmentId: p.environmentId, userId: root.userId, email: root.email },
  });
  return waitForExecution(executionName, { timeoutMs: 30_000 });
}

const prodOf = async (p: Plan) => (await environmentsOf(p.serviceId)).find((e) => e.sourceEnvironmentId === p.environmentId)!.environmentId;

describe('promote-environment', () => {
  it('lists the plans, carries each in its own step, and records what the target holds', async () => {
    const p = await newPlan(root.token, root.orgId, 'Workflow');
    await resourceIn(p, 'Writer');
    await releaseOk(p, { isPreferred: true });
    const done = await run(p);
    expect(done.status, JSON.stringify(done)).toBe('SUCCEEDED');
    expect(done.steps.map((s) => [s.state, s.status])).toEqual([
      ['ListPlansToPromote', 'SUCCEEDED'],
      ['PromoteNextPlan', 'SUCCEEDED'],
      ['RecordPromotion', 'SUCCEEDED'],
    ]);
    const prod = await prodOf(p);
    expect(JSON.parse(done.steps[2].output!)).toEqual({ plansCarried: 1, targets: [{ targetEnvironmentID: prod, status: 'IN_SYNC' }] });
  });

  it('ends FAILED with the real error and cause of the step that failed, and creates nothing in the target', async () => {
    const p = await newPlan(root.token, root.orgId, 'Refused');
    await resourceIn(p, 'Writer');
    await releaseOk(p);
    const prod = await prodOf(p);
    const prodApi = (await serviceApiIdOfEnvironment(p.serviceId, prod))!;
    const dep = await invoke(deprecateApi, { token: root.token, params: { serviceId: p.serviceId, id: prodApi } });
    expect(dep.status, dep.body).toBe(200);

    const failed = await run(p);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('InvalidState');
    expect(failed.cause).toMatch(/is deprecated and takes no new service models/);
    const step = failed.steps.find((s) => s.state === 'PromoteNextPlan')!;
    expect(step).toMatchObject({ status: 'FAILED', error: 'InvalidState' });
    expect(failed.steps.map((s) => s.state)).toContain('RecordPromotionFailure');
    // Nothing half-promoted: the target API holds no model, so no plan either.
    expect(await serviceModelsOfApi(p.serviceId, prodApi)).toEqual([]);
  });
});
