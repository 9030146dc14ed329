/**
 * An environment promotion survives a killed local stack: the real stack (`node infra/local/start.ts`, what
 * `npm start` runs) runs as a child process on its own DATA_DIR. A signed-up user builds DEV with several
 * released plans, creates PROD from DEV and promotes once (the request copies the first versions). Every DEV
 * plan is then released again, so the next promotion's workflow has one PromoteNextPlan step of real work per
 * plan. That promotion is started and the whole process group (DynamoDB Local with it) is SIGKILLed as soon
 * as the execution record shows a PromoteNextPlan step ended while the execution is still RUNNING. Started
 * again on the same DATA_DIR, the stack resumes the execution, which succeeds; PROD ends IN_SYNC with every
 * plan holding exactly versions 1.0 and 2.0 (nothing half-promoted, nothing doubled).
 */
import { randomBytes } from 'node:crypto';
import { killableStacks, until, type KillableStack } from '../support/killable-stack.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localClient } from '#infra/local/dynamodb.ts';
import { readOutbox } from '#shared/mail/outbox.ts';
import { keys } from '#shared/data/keys.ts';
import { TABLE } from '#shared/data/table.ts';
import { subjectKey } from '#shared/domain/workflow-execution.ts';
import type { WorkflowExecutionItem } from '#shared/data/entities/workflow-execution.ts';
import { API, http } from '../support/http.ts';
import { linkParams } from '../support/identity-flow.ts';

const PLANS = 6;
const stacks = killableStacks('promotion-resume');
const { dataDir } = stacks;

/** Starts the real stack; with `resumes`, waits for its "resumed N" line too (printed only when N > 0). */
const start = (resumes = false) =>
  stacks.start({ ready: [/ready at \S+/, /outbox: /, ...(resumes ? [/resumed \d+/] : [])] });

/** The newest promote-environment execution of (service, environment), read from the child's table. */
async function newestPromotion(doc: DynamoDBDocumentClient, orgId: string, serviceId: string, environmentId: string) {
  const range = keys.executionsOfSubject(orgId, 'promote-environment', subjectKey({ serviceId, environmentId }));
  const listed = await doc.send(
    new QueryCommand({
      TableName: 'omnistrate',
      IndexName: TABLE.byParent.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byParent.partitionKey },
      ExpressionAttributeValues: { ':pk': range.partition },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const name = (listed.Items?.[0] as WorkflowExecutionItem | undefined)?.executionName;
  if (!name) return undefined;
  const got = await doc.send(new GetCommand({ TableName: 'omnistrate', Key: keys.workflowExecution(name), ConsistentRead: true }));
  return got.Item as WorkflowExecutionItem | undefined;
}

/** How many PromoteNextPlan runs had ended: its one step entry counts attempts, the last maybe still running. */
function plansEnded(exec: WorkflowExecutionItem | undefined): number {
  const step = exec?.steps.find((s) => s.state === 'PromoteNextPlan');
  if (!step) return 0;
  return step.status === 'RUNNING' ? step.attempts - 1 : step.attempts;
}

afterAll(() => stacks.cleanUp());

describe('promotion resume across a killed local stack', () => {
  it('a promotion killed between its PromoteNextPlan steps completes after the restart, every plan whole', { timeout: 240_000 }, async () => {
    const began = Date.now();
    const first = await start();
    expect(first.output()).not.toMatch(/resumed \d+/);
    const call = async (method: string, path: string, body?: unknown, status = 200, stack = first) => {
      const res = await http(method, `${API}${path}`, { baseUrl: stack.baseUrl, token, body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
      return res.json;
    };

    // A real user: signup, the verification mail from the child's outbox, validate, signin.
    const email = `promoter-${randomBytes(4).toString('hex')}@example.com`;
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    let token: string | undefined;
    await call('POST', '/signup', { email, password, name: 'Promoter', legalCompanyName: 'Promoter Inc' });
    let mail: Awaited<ReturnType<typeof readOutbox>>[number] | undefined;
    await until('the verification mail', async () => (mail = (await readOutbox(dataDir)).find((m) => m.to === email)) !== undefined, 10_000);
    await call('POST', '/validate-token', { email, token: linkParams(mail!).token });
    token = (await call('POST', '/signin', { email, password })).jwtToken as string;
    const orgId = (await call('GET', '/user')).orgId as string;

    // DEV: one API, a hosted model, PLANS plans of two resources each, each released (1.0).
    const svc = (await call('POST', '/service', { name: 'Promotion Resume', description: 'killed mid-promotion' })) as string;
    const dev = (await call('POST', `/service/${svc}/environment`, { name: 'Dev', description: '', type: 'dev', deploymentConfigId: 'default' })) as string;
    const devApi = (await call('POST', `/service/${svc}/service-api`, { description: 'dev api', serviceEnvironmentId: dev })) as string;
    const model = (await call('POST', `/service/${svc}/model`, { serviceApiId: devApi, name: 'Hosted', description: '', modelType: 'OMNISTRATE_HOSTED' })) as string;
    const plans: { id: string; resources: string[] }[] = [];
    for (let i = 1; i <= PLANS; i++) {
      const id = (await call('POST', `/service/${svc}/product-tier`, {
        serviceModelId: model,
        name: `Plan ${i}`,
        description: `plan ${i}`,
        planDescription: '',
        tierType: 'OMNISTRATE_DEDICATED_TENANCY',
      })) as string;
      const resources: string[] = [];
      for (const r of ['Database', 'Cache']) {
        resources.push((await call('POST', `/service/${svc}/resource`, { name: r, description: `${r} of plan ${i}`, productTierId: id })) as string);
      }
      await call('POST', `/service/${svc}/service-api/${devApi}/release`, { productTierId: id, isPreferred: true });
      plans.push({ id, resources });
    }
    const prod = (await call('POST', `/service/${svc}/environment`, {
      name: 'Prod',
      description: '',
      type: 'PROD',
      deploymentConfigId: 'default',
      sourceEnvironmentId: dev,
    })) as string;
    const status = async (stack: KillableStack) => (await call('GET', `/service/${svc}/environment/${dev}/promote`, undefined, 200, stack)) as { targetEnvironmentID: string; status: string }[];
    expect(await status(first)).toEqual([{ targetEnvironmentID: prod, status: 'OUT_OF_SYNC' }]);

    // The first promotion: the request copies every plan's 1.0; its workflow then has nothing left to carry.
    await call('POST', `/service/${svc}/environment/${dev}/promote`, undefined, 202);
    const doc1 = DynamoDBDocumentClient.from(localClient(first.dynamo));
    await until('the first promotion to end', async () => (await newestPromotion(doc1, orgId, svc, dev))?.status !== 'RUNNING');
    const firstRun = (await newestPromotion(doc1, orgId, svc, dev))!;
    expect(firstRun.status, JSON.stringify(firstRun)).toBe('SUCCEEDED');
    expect(await status(first)).toEqual([{ targetEnvironmentID: prod, status: 'IN_SYNC' }]);

    // 2.0 of every DEV plan: one PromoteNextPlan step of real work per plan in the next promotion.
    for (const p of plans) {
      await call('PATCH', `/service/${svc}/resource/${p.resources[0]}`, { description: 'changed for 2.0' });
      await call('POST', `/service/${svc}/service-api/${devApi}/release`, { productTierId: p.id, isPreferred: true });
    }
    expect(await status(first)).toEqual([{ targetEnvironmentID: prod, status: 'OUT_OF_SYNC' }]);

    // The second promotion, killed once a PromoteNextPlan step has ended and the execution still runs.
    await call('POST', `/service/${svc}/environment/${dev}/promote`, undefined, 202);
    let seen: WorkflowExecutionItem | undefined;
    await until(
      'a PromoteNextPlan step to end',
      async () => {
        const exec = await newestPromotion(doc1, orgId, svc, dev);
        if (exec && exec.executionName !== firstRun.executionName) seen = exec;
        if (seen && seen.status !== 'RUNNING') {
          throw new Error(`the promotion ended (${seen.status}) before it could be killed: give it more work (steps: ${JSON.stringify(seen.steps)})`);
        }
        return plansEnded(seen) >= 1;
      },
      60_000,
      20,
    );
    process.kill(-first.child.pid!, 'SIGKILL');
    doc1.destroy();
    await first.exited;
    const endedAtKill = plansEnded(seen);
    console.log(`promotion-resume: SIGKILL with ${endedAtKill} of ${PLANS} PromoteNextPlan step(s) ended (${seen!.executionName})`);
    expect(endedAtKill).toBeLessThan(PLANS);

    // Started again on the same DATA_DIR: the execution is taken up again and completes.
    const second = await start(true);
    expect(second.output()).toContain(`resumed 1 workflow execution(s): ${seen!.executionName}`);
    const doc2 = DynamoDBDocumentClient.from(localClient(second.dynamo));
    try {
      const record = () => doc2.send(new GetCommand({ TableName: 'omnistrate', Key: keys.workflowExecution(seen!.executionName), ConsistentRead: true }));
      await until('the resumed promotion to end', async () => ((await record()).Item as WorkflowExecutionItem).status !== 'RUNNING', 120_000);
      const done = (await record()).Item as WorkflowExecutionItem;
      expect(done.status, JSON.stringify(done)).toBe('SUCCEEDED');
      expect(done.steps.map((s) => s.state)).toEqual(['ListPlansToPromote', 'PromoteNextPlan', 'RecordPromotion']);
      // Every plan had its run; the one cut by the kill (if any) ran again.
      expect(done.steps[1].attempts).toBeGreaterThanOrEqual(PLANS);
      console.log(`promotion-resume: resumed and SUCCEEDED, PromoteNextPlan ran ${done.steps[1].attempts} time(s) for ${PLANS} plans`);
    } finally {
      doc2.destroy();
    }
    expect(await status(second)).toEqual([{ targetEnvironmentID: prod, status: 'IN_SYNC' }]);

    // Every PROD plan whole: exactly 1.0 and 2.0, 2.0 preferred, nothing pending.
    const prodPlans = (await call('GET', `/service/${svc}/environment/${prod}/service-plan`, undefined, 200, second)).servicePlans as {
      productTierId: string;
      productTierName: string;
      latestMajorVersion: string;
      hasPendingChanges?: boolean;
    }[];
    expect(prodPlans.map((p) => p.productTierName).sort()).toEqual(plans.map((_, i) => `Plan ${i + 1}`).sort());
    for (const p of prodPlans) {
      expect(p.latestMajorVersion, p.productTierName).toBe('2.0');
      const sets = (await call('GET', `/service/${svc}/productTier/${p.productTierId}/version-set`, undefined, 200, second)).tierVersionSets as {
        version: string;
        status: string;
      }[];
      expect(Object.fromEntries(sets.map((s) => [s.version, s.status])), p.productTierName).toEqual({ '1.0': 'Active', '2.0': 'Preferred' });
      const plan = await call('GET', `/service/${svc}/product-tier/${p.productTierId}/service-plan`, undefined, 200, second);
      expect(plan.hasPendingChanges, p.productTierName).toBe(false);
    }

    process.kill(-second.child.pid!, 'SIGTERM');
    expect(await second.exited).toBe(0);
    console.log(`promotion-resume: ${((Date.now() - began) / 1000).toFixed(1)} s`);
  });
});
