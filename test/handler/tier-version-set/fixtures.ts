/**
 * Fixtures of the tier-version-set tests: a real tree (service, DEV API, a hosted model) with one plan made
 * through the handlers, resources created through CreateResource, and short callers of each release operation.
 */
import { expect } from 'vitest';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as releaseServiceApi } from '#functions/service-api/release-service-api.ts';
import { operation as createVersionSet } from '#functions/tier-version-set/create-tier-version-set.ts';
import { operation as releaseVersionSet } from '#functions/tier-version-set/release-tier-version-set.ts';
import { operation as describeVersionSet } from '#functions/tier-version-set/describe-tier-version-set.ts';
import { operation as listVersionSets } from '#functions/tier-version-set/list-tier-version-sets.ts';
import { operation as promoteVersionSet } from '#functions/tier-version-set/promote-tier-version-set.ts';
import { operation as deprecateVersionSet } from '#functions/tier-version-set/deprecate-tier-version-set.ts';
import { invoke } from '../../support/invoke.ts';
import { create } from '../../support/resource-fixtures.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';
import type { TierFixture } from '../../support/resource-fixtures.ts';

export interface Plan extends TierFixture {
  token: string;
}

/** A fresh service tree with one plan under DEV's hosted model. */
export async function newPlan(token: string, orgId: string, name = 'Versioned'): Promise<Plan> {
  const tree = await serviceTree(token, `${name} ${Math.random().toString(36).slice(2, 8)}`);
  const res = await invoke(createTier, {
    token,
    params: { serviceId: tree.svc },
    body: { serviceModelId: tree.hosted, name: 'Gold', description: 'a plan', planDescription: 'for customers', tierType: 'OMNISTRATE_MULTI_TENANCY' },
  });
  expect(res.status, res.body).toBe(200);
  return { token, orgId, serviceId: tree.svc, environmentId: tree.dev.env, serviceApiId: tree.dev.api, serviceModelId: tree.hosted, productTierId: res.json };
}

export async function resourceIn(plan: Plan, name: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await create(plan, { name, description: `${name} resource`, ...body }, plan.token);
  expect(res.status, res.body).toBe(200);
  return res.json;
}

const tierParams = (p: Plan) => ({ serviceId: p.serviceId, productTierId: p.productTierId });

export function release(p: Plan, body: Record<string, unknown> = {}, token = p.token) {
  return invoke(releaseServiceApi, { token, params: { serviceId: p.serviceId, id: p.serviceApiId }, body: { productTierId: p.productTierId, ...body } });
}

export async function releaseOk(p: Plan, body: Record<string, unknown> = {}): Promise<void> {
  const res = await release(p, body);
  expect(res.status, res.body).toBe(200);
}

export const createSet = (p: Plan, body: Record<string, unknown>, token = p.token) => invoke(createVersionSet, { token, params: tierParams(p), body });
export const releaseSet = (p: Plan, version: string, body: Record<string, unknown> = {}, token = p.token) =>
  invoke(releaseVersionSet, { token, params: { ...tierParams(p), version }, body });
export const describeSet = (p: Plan, version: string, token = p.token) => invoke(describeVersionSet, { token, params: { ...tierParams(p), version } });
export const listSets = (p: Plan, query: Record<string, string> = {}, token = p.token) => invoke(listVersionSets, { token, params: tierParams(p), query });
export const promoteSet = (p: Plan, version: string, token = p.token) => invoke(promoteVersionSet, { token, params: { ...tierParams(p), version } });
export const deprecateSet = (p: Plan, version: string, token = p.token) => invoke(deprecateVersionSet, { token, params: { ...tierParams(p), version } });

/** version → status of every set of the plan (all pages). */
export async function statuses(p: Plan): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let token: string | undefined;
  do {
    const res = await listSets(p, token ? { nextPageToken: token, pageSize: '100' } : { pageSize: '100' });
    expect(res.status, res.body).toBe(200);
    for (const s of res.json.tierVersionSets) out[s.version] = s.status;
    token = res.json.nextPageToken;
  } while (token);
  return out;
}
