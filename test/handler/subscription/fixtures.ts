/**
 * Fixtures of the subscription tests: a provider with a released offering in a PUBLIC DEV environment (one plan
 * that approves subscriptions automatically, one that needs approval, one never released), customers of it, and
 * short callers of every subscription operation (customer side and Fleet).
 */
import { expect } from 'vitest';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as updateEnvironment } from '#functions/service-environment/update-service-environment.ts';
import { operation as createSubscription } from '#functions/subscription/create-subscription.ts';
import { operation as describeSubscription } from '#functions/subscription/describe-subscription.ts';
import { operation as listSubscriptions } from '#functions/subscription/list-subscriptions.ts';
import { operation as deleteSubscription } from '#functions/subscription/delete-subscription.ts';
import { operation as createRequest } from '#functions/subscription-request/create-subscription-request.ts';
import { operation as describeRequest } from '#functions/subscription-request/describe-subscription-request.ts';
import { operation as listRequests } from '#functions/subscription-request/list-subscription-requests.ts';
import { operation as cancelRequest } from '#functions/subscription-request/cancel-subscription-request.ts';
import { invoke } from '../../support/invoke.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';
import { releaseOk, resourceIn, type Plan } from '../tier-version-set/fixtures.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';


export interface Offering {
  provider: TestSession;
  serviceId: string;
  environmentId: string;
  /** Auto-approving, released. */
  auto: string;
  /** Needs approval, released. */
  approval: string;
  /** Never released: not offered. */
  unreleased: string;
}

async function tier(token: string, serviceId: string, serviceModelId: string, name: string, autoApproveSubscription: boolean): Promise<string> {
  const res = await invoke(createTier, {
    token,
    params: { serviceId },
    body: { serviceModelId, name, description: `${name} plan`, planDescription: 'for customers', tierType: 'OMNISTRATE_MULTI_TENANCY', autoApproveSubscription, awsRegions: ['us-east-1'] },
  });
  expect(res.status, res.body).toBe(200);
  return res.json;
}

/** A provider (or the one given) with a released offering in its PUBLIC DEV environment. */
export async function offering(provider?: TestSession): Promise<Offering> {
  const p = provider ?? (await testSession('root', 'Provider Org'));
  const tree = await serviceTree(p.token, `Offered ${Math.random().toString(36).slice(2, 8)}`);
  const env = await invoke(updateEnvironment, { token: p.token, params: { serviceId: tree.svc, id: tree.dev.env }, body: { visibility: 'PUBLIC' } });
  expect(env.status, env.body).toBe(200);
  const [auto, approval, unreleased] = await Promise.all([
    tier(p.token, tree.svc, tree.hosted, 'Free', true),
    tier(p.token, tree.svc, tree.hosted, 'Enterprise', false),
    tier(p.token, tree.svc, tree.hosted, 'Draft', true),
  ]);
  for (const productTierId of [auto, approval]) {
    const plan: Plan = { token: p.token, orgId: p.orgId, serviceId: tree.svc, environmentId: tree.dev.env, serviceApiId: tree.dev.api, serviceModelId: tree.hosted, productTierId };
    await resourceIn(plan, `Db${productTierId.slice(-4)}`);
    await releaseOk(plan);
  }
  return { provider: p, serviceId: tree.svc, environmentId: tree.dev.env, auto, approval, unreleased };
}

/** A customer of the offering's provider, signed in to its DEV portal (where the offering is). */
export const devCustomer = (o: Offering) => testCustomerSession(o.provider, 'DEV');

export const subscribe = (token: string, serviceId: string, productTierId: string) => invoke(createSubscription, { token, body: { serviceId, productTierId } });

export async function subscribed(token: string, o: Offering, productTierId = o.auto): Promise<string> {
  const res = await subscribe(token, o.serviceId, productTierId);
  expect(res.status, res.body).toBe(200);
  expect(res.json).toMatch(/^sub-/);
  return res.json;
}

export const describeSub = (token: string, id: string) => invoke(describeSubscription, { token, params: { id } });
export const listSubs = (token: string, query: Record<string, string> = {}) => invoke(listSubscriptions, { token, query });
export const deleteSub = (token: string, id: string) => invoke(deleteSubscription, { token, params: { id } });
export const request = (token: string, serviceId: string, productTierId: string) => invoke(createRequest, { token, body: { serviceId, productTierId } });
export const describeReq = (token: string, id: string) => invoke(describeRequest, { token, params: { id } });
export const listReqs = (token: string, query: Record<string, string> = {}) => invoke(listRequests, { token, query });
export const cancelReq = (token: string, id: string) => invoke(cancelRequest, { token, params: { id } });
