/**
 * GenerateTokenForDeploymentCellDashboard: a short-lived token scoped to one instance and its deployment cell,
 * for whoever reaches the instance; never usable as an API session.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as generate } from '#functions/resource-instance/generate-token-for-deployment-cell-dashboard.ts';
import { operation as describeSubscription } from '#functions/subscription/describe-subscription.ts';
import { verifyDashboardToken } from '#shared/auth/dashboard-token.ts';
import { deploymentCellIdOf } from '#shared/domain/resource-instance-change.ts';
import { invoke } from '../../support/invoke.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { lifecycleWorld, runningInstance, type World } from './fixtures-lifecycle.ts';

let w: World;
let stranger: TestSession;
let otherProvider: TestSession;
beforeAll(async () => {
  w = await lifecycleWorld();
  [stranger, otherProvider] = await Promise.all([testCustomerSession(w.provider, 'DEV'), testSession('root', 'Other Provider')]);
});

const token = (id: string, t: string, query: Record<string, string> = {}) => invoke(generate, { token: t, params: { id }, query });

describe('GenerateTokenForDeploymentCellDashboard', () => {
  it('answers a signed token naming the instance and its cell, expiring within 15 minutes', async () => {
    const inst = await runningInstance(w);
    const before = Date.now();
    const res = await token(inst.instanceId, w.customer.token, { subscriptionId: w.subscriptionId });
    expect(res.status, res.body).toBe(200);
    expect(res.json.deploymentCellID).toBe(deploymentCellIdOf(inst));
    expect(res.json.deploymentCellID).toMatch(/^hc-[0-9a-f]{8}$/);
    expect(res.json.expirationTimestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$/);
    const expires = Date.parse(res.json.expirationTimestamp.replace(' ', 'T'));
    expect(expires - before).toBeGreaterThan(14 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(15 * 60_000 + 1000);
    const grant = await verifyDashboardToken(res.json.token);
    expect(grant).toMatchObject({ userId: w.customer.userId, orgId: w.customer.orgId, instanceId: inst.instanceId, deploymentCellId: res.json.deploymentCellID });
  });

  it('is the same cell for instances of one environment, cloud and region; the provider may have a token too', async () => {
    const [a, b] = await Promise.all([runningInstance(w), runningInstance(w)]);
    const res = await token(b.instanceId, w.provider.token);
    expect(res.status, res.body).toBe(200);
    expect(res.json.deploymentCellID).toBe(deploymentCellIdOf(a));
  });

  it('can never serve as an API session (401), and a session token is no dashboard token', async () => {
    const inst = await runningInstance(w);
    const res = await token(inst.instanceId, w.customer.token);
    const asSession = await invoke(describeSubscription, { token: res.json.token, params: { id: w.subscriptionId } });
    expect(asSession.status).toBe(401);
    await expect(verifyDashboardToken(w.customer.token)).rejects.toThrow(/invalid or expired dashboard token/);
  });

  it('is 404 for another customer, another provider, or a subscription that is not the instance\'s', async () => {
    const inst = await runningInstance(w);
    expect((await token(inst.instanceId, stranger.token)).status).toBe(404);
    expect((await token(inst.instanceId, otherProvider.token)).status).toBe(404);
    const wrongSub = await token(inst.instanceId, w.customer.token, { subscriptionId: 'sub-notmine123' });
    expect(wrongSub.status).toBe(404);
    expect(wrongSub.json.message).toBe('resource instance not found');
  });

  it('is 400 for an id that is not one, 404 for a missing instance, 409 while DELETING', async () => {
    expect((await token('bad id', w.customer.token)).status).toBe(400);
    expect((await token('instance-missing00', w.customer.token)).status).toBe(404);
    const deleting = await runningInstance(w, { status: 'DELETING' });
    expect((await token(deleting.instanceId, w.customer.token)).status).toBe(409);
  });
});
