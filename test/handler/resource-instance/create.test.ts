/** CreateResourceInstance and the create-resource-instance workflow it starts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { findExecution } from '#shared/data/entities/workflow-execution.ts';
import { testCustomerSession, testSession } from '../../support/session.ts';
import { create, created, describe_, goodBody, instancePlan, settled, subscriber, type InstancePlan } from './fixtures.ts';

let ip: InstancePlan;
let customer: Awaited<ReturnType<typeof subscriber>>;

beforeAll(async () => {
  ip = await instancePlan();
  customer = await subscriber(ip);
}, 60_000);

describe('CreateResourceInstance', () => {
  it('answers 202 with an instance id at once; the workflow takes it DEPLOYING → RUNNING with result_params and a topology', async () => {
    const id = await created(customer.token, ip.path, goodBody({ mode: 'fast' }));
    const first = await getResourceInstance(id);
    expect(first).toMatchObject({ status: expect.stringMatching(/DEPLOYING|RUNNING/), tierVersion: '1.0', cloudProvider: 'aws', region: 'us-east-1', subscriptionId: customer.subscriptionId });
    expect(first!.requestParams).toEqual({ password: 'correct horse', size: 2, mode: 'fast' });
    const done = await settled(id, first!.activeOperation?.operationId ?? undefined);
    expect(done?.status).toBe('RUNNING');
    expect(done?.activeOperation).toBeUndefined();
    expect(Object.values(done!.resources).map((r) => r.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    const res = await describe_(customer.token, ip.path, id);
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ id, status: 'RUNNING', resourceID: ip.app, subscriptionId: customer.subscriptionId, cloud_provider: 'aws', region: 'us-east-1' });
    expect(res.json.result_params.url).toMatch(/^https:\/\/app-[0-9a-f]+\.us-east-1\.aws\.simulated\.test:443\/\?mode=fast$/);
    expect(res.json.result_params.nodes).toBe('1');
    expect(Object.keys(res.json.detailedNetworkTopology).sort()).toEqual([ip.app, ip.db, ip.cache].sort());
    expect(res.json.detailedNetworkTopology[ip.app]).toMatchObject({ main: true, publiclyAccessible: true, resourceKey: ip.path.resourceKey });
    expect(res.json.detailedNetworkTopology[ip.app].nodes).toHaveLength(1);
  });

  it('provisions dependencies before their dependents (a Map over the DAG levels, one level at a time)', async () => {
    const id = await created(customer.token, ip.path);
    const item = await getResourceInstance(id);
    const exec = await findExecution(item!.activeOperation!.operationId);
    expect(exec?.workflow).toBe('create-resource-instance');
    await settled(id, item!.activeOperation!.operationId);
    const { listDriverWorkOfInstance } = await import('../../support/instance-driver-work.ts');
    const order = (await listDriverWorkOfInstance(id)).map((w) => w.resourceId);
    expect(order.indexOf(ip.app)).toBe(2);
    expect(new Set(order).size).toBe(3);
  });

  it('an injected failure gives FAILED with that reason on the instance and on the failed resource', async () => {
    const id = await created(customer.token, ip.path, goodBody({ simulatedFailure: 'no capacity left in us-east-1' }));
    const done = await settled(id);
    expect(done).toMatchObject({ status: 'FAILED', failureReason: 'no capacity left in us-east-1' });
    expect(done!.resources[ip.app]).toMatchObject({ status: 'FAILED', failureReason: 'no capacity left in us-east-1' });
    expect(done!.lastEvent).toMatchObject({ eventType: 'InstanceFailed', workflowFailures: [{ message: 'no capacity left in us-east-1' }] });
    const res = await describe_(customer.token, ip.path, id);
    expect(res.json).toMatchObject({ status: 'FAILED', failureReason: 'no capacity left in us-east-1' });
  });

  it('counts the instance on the subscription and on its root (the subscription\'s first instance)', async () => {
    const fresh = await subscriber(ip);
    await created(fresh.token, ip.path);
    expect((await getSubscription(fresh.subscriptionId))?.instanceCount).toBe(1);
    const { getUser } = await import('#shared/data/entities/user.ts');
    expect((await getUser(fresh.orgId, fresh.userId))?.soleRootOfInstancedSubscriptions).toBe(1);
    await created(fresh.token, ip.path);
    expect((await getSubscription(fresh.subscriptionId))?.instanceCount).toBe(2);
    expect((await getUser(fresh.orgId, fresh.userId))?.soleRootOfInstancedSubscriptions).toBe(1);
  });

  it('an Idempotency-Key makes a retried create answer the same id and start nothing; concurrent duplicates make one instance', async () => {
    const fresh = await subscriber(ip);
    const headers = { 'idempotency-key': 'retry-me-1' };
    const answers = await Promise.all([1, 2, 3].map(() => create(fresh.token, ip.path, goodBody(), { headers })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    const again = await create(fresh.token, ip.path, goodBody(), { headers });
    expect(again.json.id).toBe(answers[0]!.json.id);
    expect((await getSubscription(fresh.subscriptionId))?.instanceCount).toBe(1);
  });

  it('holds maxNumberOfInstances per subscription under concurrent creates', async () => {
    const limited = await instancePlan({ maxNumberOfInstances: 2 });
    const c = await subscriber(limited);
    const answers = await Promise.all([1, 2, 3, 4].map(() => create(c.token, limited.path, goodBody())));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 409, 409]);
    expect(answers.find((a) => a.status === 409)!.json.message).toBe('the plan allows at most 2 instances per subscription');
    expect((await getSubscription(c.subscriptionId))?.instanceCount).toBe(2);
  }, 60_000);

  it('400 naming the field: unknown parameter, missing required, wrong type, out of limits, not an option, bad region', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...goodBody(), requestParams: { password: 'x', colour: 'red' } }, 'body.requestParams.colour is not an input parameter of this resource'],
      [{ ...goodBody(), requestParams: {} }, 'body.requestParams.password is required'],
      [goodBody({ size: 'big' }), 'body.requestParams.size "big" is not a number'],
      [goodBody({ size: 9 }), 'body.requestParams.size "9" is above the maximum 8'],
      [goodBody({ mode: 'turbo' }), 'body.requestParams.mode "turbo" is not one of "fast", "safe"'],
      [{ ...goodBody(), region: 'mars-1' }, 'body.region "mars-1" is not a aws region of this plan (us-east-1, eu-west-1)'],
      [{ ...goodBody(), cloud_provider: 'gcp' }, 'body.cloud_provider "gcp" is not offered by this plan (aws)'],
      [{ ...goodBody(), region: undefined }, 'body.region is required: this plan runs on aws in us-east-1, eu-west-1'],
    ];
    for (const [body, message] of cases) {
      const res = await create(customer.token, ip.path, body);
      expect(res.status, res.body).toBe(400);
      expect(res.json.message).toBe(message);
    }
    const unknownFields = await create(customer.token, ip.path, { ...goodBody(), formLeftover: 'x' });
    expect(unknownFields.status).toBe(202);
  });

  it('tenancy: another customer without a subscription is 403, another provider 404, a wrong key 404', async () => {
    const stranger = await testCustomerSession(ip.provider, 'DEV');
    const noSub = await create(stranger.token, ip.path, goodBody());
    expect(noSub.status, noSub.body).toBe(403);
    const otherProvider = await testSession('root', 'Other Provider');
    expect((await create(otherProvider.token, ip.path, goodBody())).status).toBe(404);
    expect((await create(customer.token, { ...ip.path, productTierKey: 'nope' }, goodBody())).status).toBe(404);
    expect((await create(customer.token, { ...ip.path, resourceKey: 'nope' }, goodBody())).status).toBe(404);
    const prodCustomer = await testCustomerSession(ip.provider, 'PROD');
    expect((await create(prodCustomer.token, ip.path, goodBody())).status).toBe(404);
  });

  it('a charged plan refuses a customer without payment unless it allows creates without it (409)', async () => {
    const paid = await instancePlan({ pricing: { unit: 'hour', price: 1 } });
    const c = await subscriber(paid);
    const res = await create(c.token, paid.path, goodBody());
    expect(res.status, res.body).toBe(409);
    expect(res.json.message).toBe('payment is not configured for this subscription, and the plan does not allow creates without it');
    const allowed = await instancePlan({ pricing: { unit: 'hour', price: 1 }, allowCreatesWhenPaymentNotConfigured: true });
    const c2 = await subscriber(allowed);
    expect((await create(c2.token, allowed.path, goodBody())).status).toBe(202);
  }, 60_000);
});
