/**
 * Fixtures of the resource-instance tests: a provider plan of three resources (`app` depends on `db` and
 * `cache`), `app` with input parameters (a required password, a bounded number with a default, an option) and
 * output parameters, released; a DEV customer subscribed to it; short callers of the instance operations.
 */
import { expect } from 'vitest';
import { operation as createInstance } from '#functions/resource-instance/create-resource-instance.ts';
import { operation as describeInstance } from '#functions/resource-instance/describe-resource-instance.ts';
import { operation as listInstances } from '#functions/resource-instance/list-resource-instances.ts';
import { operation as listAllInstances } from '#functions/resource-instance/list-all-resource-instances.ts';
import { operation as deleteInstance } from '#functions/resource-instance/delete-resource-instance.ts';
import { operation as createInputParameter } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as createOutputParameter } from '#functions/output-parameter/create-output-parameter.ts';
import { operation as addDependency } from '#functions/resource/add-resource-dependency.ts';
import { operation as updateEnvironment } from '#functions/service-environment/update-service-environment.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { getService } from '#shared/data/entities/service.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getServiceApi } from '#shared/data/entities/service-api.ts';
import { getServiceModel } from '#shared/data/entities/service-model.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { invoke, type InvokeResult } from '../../support/invoke.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { waitForExecution } from '../../support/workflows.ts';
import { releaseOk, resourceIn, type Plan } from '../tier-version-set/fixtures.ts';
import { subscribed } from '../subscription/fixtures.ts';

export type PlanPath = Record<string, string> & {
  serviceProviderId: string;
  serviceKey: string;
  serviceAPIVersion: string;
  serviceEnvironmentKey: string;
  serviceModelKey: string;
  productTierKey: string;
  resourceKey: string;
};

export interface InstancePlan {
  provider: TestSession;
  plan: Plan;
  path: PlanPath;
  app: string;
  db: string;
  cache: string;
}

const ok = async (r: Promise<InvokeResult>) => {
  const res = await r;
  expect(res.status, res.body).toBe(200);
  return res.json as string;
};

/** A released three-resource plan in a PUBLIC DEV environment; `tier` overrides the tier's settings. */
export async function instancePlan(tier: Record<string, unknown> = {}, provider?: TestSession): Promise<InstancePlan> {
  const p = provider ?? (await testSession('root', 'Instance Provider'));
  const tree = await serviceTree(p.token, `Inst ${Math.random().toString(36).slice(2, 8)}`);
  await ok(invoke(updateEnvironment, { token: p.token, params: { serviceId: tree.svc, id: tree.dev.env }, body: { visibility: 'PUBLIC' } }));
  const productTierId = await ok(
    invoke(createTier, {
      token: p.token,
      params: { serviceId: tree.svc },
      body: { serviceModelId: tree.hosted, name: 'Standard', description: 'Standard plan', planDescription: 'for customers', tierType: 'OMNISTRATE_DEDICATED_TENANCY', autoApproveSubscription: true, awsRegions: ['us-east-1', 'eu-west-1'], ...tier },
    }),
  );
  const plan: Plan = { token: p.token, orgId: p.orgId, serviceId: tree.svc, environmentId: tree.dev.env, serviceApiId: tree.dev.api, serviceModelId: tree.hosted, productTierId };
  const [app, db, cache] = await Promise.all([resourceIn(plan, 'App'), resourceIn(plan, 'Db'), resourceIn(plan, 'Cache')]);
  for (const dep of [db, cache]) await ok(invoke(addDependency, { token: p.token, params: { serviceId: tree.svc, id: app, resourceDependencyId: dep }, body: {} }));
  const param = (body: Record<string, unknown>) => ok(invoke(createInputParameter, { token: p.token, params: { serviceId: tree.svc }, body: { resourceId: app, description: '', modifiable: true, ...body } }));
  await param({ key: 'password', name: 'Password', type: 'Password', required: true, modifiable: false });
  await param({ key: 'size', name: 'Size', type: 'Float64', required: false, defaultValue: '2', limits: { min: '1', max: '8' } });
  await param({ key: 'mode', name: 'Mode', type: 'String', required: false, options: ['fast', 'safe'], defaultValue: 'safe' });
  await param({ key: 'simulatedFailure', name: 'Failure', type: 'String', required: false });
  const out = (body: Record<string, unknown>) => ok(invoke(createOutputParameter, { token: p.token, params: { serviceId: tree.svc }, body: { resourceId: app, description: 'output', ...body } }));
  await out({ key: 'url', name: 'URL', value: 'https://{{ $sys.endpoint }}:{{ $sys.port }}/?mode={{ $var.mode }}' });
  await out({ key: 'nodes', name: 'Nodes', valueRef: 'nodeCount' });
  await releaseOk(plan);
  const [service, environment, api, model, t] = await Promise.all([
    getService(p.orgId, tree.svc),
    getEnvironment(p.orgId, tree.svc, tree.dev.env),
    getServiceApi(p.orgId, tree.svc, tree.dev.api),
    getServiceModel(p.orgId, tree.svc, tree.hosted),
    getProductTier(p.orgId, tree.svc, productTierId),
  ]);
  const { findResource } = await import('#shared/data/entities/resource.ts');
  const appItem = await findResource(tree.svc, app);
  // Clients take serviceProviderId from offerings/DescribeService (`sp-…`), not the org id.
  const { getProviderProfile } = await import('#shared/data/entities/org.ts');
  const { serviceProviderId } = await getProviderProfile(p.orgId);
  expect(serviceProviderId).toMatch(/^sp-/);
  return {
    provider: p,
    plan,
    app,
    db,
    cache,
    path: { serviceProviderId, serviceKey: service.key, serviceAPIVersion: api.apiVersion, serviceEnvironmentKey: environment.key, serviceModelKey: model.key, productTierKey: t.key, resourceKey: appItem!.key },
  };
}

/** A DEV customer of the plan's provider with an ACTIVE subscription to it. */
export async function subscriber(ip: InstancePlan): Promise<TestSession & { subscriptionId: string }> {
  const c = await testCustomerSession(ip.provider, 'DEV');
  const subscriptionId = await subscribed(c.token, { provider: ip.provider, serviceId: ip.plan.serviceId, environmentId: ip.plan.environmentId, auto: ip.plan.productTierId, approval: '', unreleased: '' });
  return { ...c, subscriptionId };
}

export const goodBody = (extra: Record<string, unknown> = {}) => ({ cloud_provider: 'aws', region: 'us-east-1', requestParams: { password: 'correct horse', ...extra } });

export const create = (token: string, path: PlanPath, body: Record<string, unknown>, opts: { query?: Record<string, string>; headers?: Record<string, string> } = {}) =>
  invoke(createInstance, { token, params: path, body, query: opts.query ?? {}, headers: opts.headers });
export const describe_ = (token: string, path: PlanPath, id: string, query: Record<string, string> = {}) => invoke(describeInstance, { token, params: { ...path, id }, query });
export const list = (token: string, path: PlanPath, query: Record<string, string> = {}) => invoke(listInstances, { token, params: path, query });
export const listAll = (token: string, query: Record<string, string> = {}) => invoke(listAllInstances, { token, query });
export const remove = (token: string, path: PlanPath, id: string, query: Record<string, string> = {}) => invoke(deleteInstance, { token, params: { ...path, id }, query });

/** Creates an instance and returns its id (202). */
export async function created(token: string, path: PlanPath, body: Record<string, unknown> = goodBody()): Promise<string> {
  const res = await create(token, path, body);
  expect(res.status, res.body).toBe(202);
  expect(res.json.id).toMatch(/^instance-[a-z0-9]+$/);
  return res.json.id as string;
}

/** Waits until the instance's current (or last) operation's execution ended; returns the item (undefined: gone). */
export async function settled(instanceId: string, operationId?: string): Promise<ResourceInstanceItem | undefined> {
  const op = operationId ?? (await getResourceInstance(instanceId))?.activeOperation?.operationId;
  if (op) await waitForExecution(op, { timeoutMs: 20_000 });
  return getResourceInstance(instanceId);
}
