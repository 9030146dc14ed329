/**
 * The resource-instance benchmarks (`BENCH_ONLY=instances npm run bench`, or
 * `npx vitest run --config bench/vitest.instances.config.ts`): run by vitest on the test run's DynamoDB Local
 * and in-process workflow runner, simulated driver at zero delay, through the real handlers.
 *
 * 1. Create → RUNNING: 100 instances one after the other, from the create call to the instance read RUNNING.
 * 2. 100 concurrent creates over 10 subscriptions of a plan allowing 8 per subscription: every accepted one
 *    ends RUNNING, none is lost, and no subscription passes 8.
 * 3. One ListAllResourceInstances page for a provider with 10 instances vs one with 1,000 (seeded as items, no
 *    workflow), interleaved calls, at pageSize 10 (the same answer: the ratio of p50s, target ≤ 1.5) and 50.
 */
import { describe, expect, it } from 'vitest';
import { putImmutable } from '#shared/data/store.ts';
import { getResourceInstance, newResourceInstanceItem, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { create, goodBody, instancePlan, listAll, subscriber } from '../test/handler/resource-instance/fixtures.ts';
import { ms, percentile, sorted } from './report.ts';

const N = Number(process.env.BENCH_INSTANCES ?? 100);
const LIST_CALLS = Number(process.env.BENCH_LIST_CALLS ?? 200);

async function untilSettled(id: string, timeoutMs = 30_000): Promise<ResourceInstanceItem | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await getResourceInstance(id);
    if (!item || item.status === 'RUNNING' || item.status === 'FAILED') return item;
    if (Date.now() > deadline) throw new Error(`instance ${id} still ${item.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const line = (label: string, xs: number[]) => {
  const s = sorted(xs);
  return `${label}: p50 ${ms(percentile(s, 50))}, p99 ${ms(percentile(s, 99))} (n=${xs.length})`;
};

describe('instance benchmarks', () => {
  it('create → RUNNING at zero delay, one after the other', { timeout: 600_000 }, async () => {
    const ip = await instancePlan();
    const c = await subscriber(ip);
    const took: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const res = await create(c.token, ip.path, goodBody());
      expect(res.status, res.body).toBe(202);
      expect((await untilSettled(res.json.id))?.status).toBe('RUNNING');
      took.push(performance.now() - t0);
    }
    console.log(line('create → RUNNING (3 resources, 2 levels)', took));
  });

  it('100 concurrent creates over 10 subscriptions, 8 allowed per subscription', { timeout: 600_000 }, async () => {
    const ip = await instancePlan({ maxNumberOfInstances: 8 });
    const subs = await Promise.all(Array.from({ length: 10 }, () => subscriber(ip)));
    const t0 = performance.now();
    const answers = await Promise.all(subs.flatMap((s) => Array.from({ length: 10 }, () => create(s.token, ip.path, goodBody()).then((r) => ({ r, s })))));
    const accepted = answers.filter((a) => a.r.status === 202);
    const refused = answers.filter((a) => a.r.status === 409);
    expect(accepted.length + refused.length).toBe(100);
    const settledAll = await Promise.all(accepted.map((a) => untilSettled(a.r.json.id, 120_000)));
    const wall = performance.now() - t0;
    expect(settledAll.every((i) => i?.status === 'RUNNING')).toBe(true);
    for (const s of subs) expect((await getSubscription(s.subscriptionId))?.instanceCount).toBe(8);
    console.log(`100 concurrent creates / 10 subscriptions: ${accepted.length} accepted, all RUNNING; ${refused.length} refused at the limit (8 each); wall ${ms(wall)}`);
  });

  it('ListAllResourceInstances page at 10 vs 1,000 instances', { timeout: 600_000 }, async () => {
    const seed = async (count: number) => {
      const ip = await instancePlan();
      const c = await subscriber(ip);
      const items = Array.from({ length: count }, (_, i) =>
        newResourceInstanceItem({
          instanceId: `instance-b${count}x${i}${Math.random().toString(36).slice(2, 8)}`,
          providerOrgId: ip.provider.orgId, customerOrgId: c.orgId, subscriptionId: c.subscriptionId, serviceId: ip.plan.serviceId,
          environmentId: ip.plan.environmentId, environmentType: 'DEV', serviceApiId: ip.plan.serviceApiId, serviceModelId: ip.plan.serviceModelId,
          productTierId: ip.plan.productTierId, resourceId: ip.app, tierVersion: '1.0', cloudProvider: 'aws', region: 'us-east-1',
          requestParams: { password: 'x' }, resultParams: {}, status: 'RUNNING', createdByUserId: c.userId, createdByUserName: 'bench',
          resources: { [ip.app]: { resourceId: ip.app, resourceKey: 'app', name: 'App', status: 'RUNNING', replicas: 1, minReplicas: 1, maxReplicas: 1, multiZone: false, outputs: {}, endpoints: [], nodes: [] } },
        }),
      );
      await putImmutable(items);
      return ip.provider.token;
    };
    const small = await seed(10);
    const large = await seed(1000);
    // The same answer size at both scales (pageSize 10: the cost of data the page does not answer), then the
    // default page (50), which at 1,000 instances answers five times the items of the 10-instance provider.
    for (const pageSize of ['10', '50']) {
      const query = { environmentType: 'DEV', pageSize };
      for (let i = 0; i < 20; i++) await Promise.all([listAll(small, query), listAll(large, query)]);
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < LIST_CALLS; i++) {
        for (const [token, out] of [[small, a], [large, b]] as const) {
          const t0 = performance.now();
          const res = await listAll(token, query);
          out.push(performance.now() - t0);
          expect(res.status).toBe(200);
        }
      }
      const ratio = percentile(sorted(b), 50) / percentile(sorted(a), 50);
      console.log(
        `${line(`ListAllResourceInstances pageSize ${pageSize}, 10 instances`, a)}\n${line(`ListAllResourceInstances pageSize ${pageSize}, 1,000 instances`, b)}\nratio of p50s ${ratio.toFixed(2)}${pageSize === '10' ? ' (target ≤ 1.5)' : ' (answers 10 vs 50 items)'}`,
      );
    }
  });
});
