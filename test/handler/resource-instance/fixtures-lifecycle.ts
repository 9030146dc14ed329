/**
 * Fixtures of the lifecycle tests: a provider with a released three-resource plan in a PUBLIC DEV environment
 * (`App` depends on `Db` and `Cache`; App has a modifiable `size` and a fixed `password` parameter), a customer
 * subscribed to it, and RUNNING instances written straight through the entity's builder (until the create
 * workflow is merged, this is how a test gets an instance), plus short callers of every lifecycle operation.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as updateEnvironment } from '#functions/service-environment/update-service-environment.ts';
import { operation as createInputParameter } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as startOp } from '#functions/resource-instance/start-resource-instance.ts';
import { operation as stopOp } from '#functions/resource-instance/stop-resource-instance.ts';
import { operation as restartOp } from '#functions/resource-instance/restart-resource-instance.ts';
import { operation as updateOp } from '#functions/resource-instance/update-resource-instance.ts';
import { operation as addCapacityOp } from '#functions/resource-instance/add-capacity-to-resource-instance.ts';
import { operation as removeCapacityOp } from '#functions/resource-instance/remove-capacity-from-resource-instance.ts';
import { operation as failoverOp } from '#functions/resource-instance/failover-resource-instance.ts';
import { operation as addDnsOp } from '#functions/resource-instance/add-custom-dns-to-resource-instance.ts';
import { operation as removeDnsOp } from '#functions/resource-instance/remove-custom-dns-from-resource-instance.ts';
import { commit } from '#shared/data/store.ts';
import { getService } from '#shared/data/entities/service.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getServiceApi } from '#shared/data/entities/service-api.ts';
import { getServiceModel } from '#shared/data/entities/service-model.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { findResource } from '#shared/data/entities/resource.ts';
import { getResourceInstance, newResourceInstanceItem, type InstanceResourceState, type InstanceStatus, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { invoke, type InvokeResult } from '../../support/invoke.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { releaseOk, resourceIn, type Plan } from '../tier-version-set/fixtures.ts';
import { subscribed, type Offering } from '../subscription/fixtures.ts';

export interface World {
  provider: TestSession;
  customer: TestSession;
  plan: Plan;
  subscriptionId: string;
  /** The instance path's keys (the App resource's). */
  keys: Record<'serviceProviderId' | 'serviceKey' | 'serviceAPIVersion' | 'serviceEnvironmentKey' | 'serviceModelKey' | 'productTierKey' | 'resourceKey', string>;
  ids: { app: string; db: string; cache: string };
}

const ok = async <T>(p: Promise<InvokeResult>): Promise<T> => {
  const res = await p;
  expect(res.status, res.body).toBe(200);
  return res.json as T;
};

/** The provider, the released plan, a DEV customer subscribed to it. */
export async function lifecycleWorld(provider?: TestSession): Promise<World> {
  const p = provider ?? (await testSession('root', 'Lifecycle Provider'));
  const tree = await serviceTree(p.token, `Lifecycle ${randomBytes(3).toString('hex')}`);
  await ok(invoke(updateEnvironment, { token: p.token, params: { serviceId: tree.svc, id: tree.dev.env }, body: { visibility: 'PUBLIC' } }));
  const productTierId = await ok<string>(
    invoke(createTier, {
      token: p.token,
      params: { serviceId: tree.svc },
      body: { serviceModelId: tree.hosted, name: 'Std', description: 'a plan', planDescription: 'for customers', tierType: 'OMNISTRATE_DEDICATED_TENANCY', autoApproveSubscription: true, awsRegions: ['us-east-1'] },
    }),
  );
  const plan: Plan = { token: p.token, orgId: p.orgId, serviceId: tree.svc, environmentId: tree.dev.env, serviceApiId: tree.dev.api, serviceModelId: tree.hosted, productTierId };
  const db = await resourceIn(plan, 'Db', { internal: true });
  const cache = await resourceIn(plan, 'Cache', { internal: true });
  const app = await resourceIn(plan, 'App', { resourceDependencies: [{ resourceId: db }, { resourceId: cache }] });
  const param = (body: Record<string, unknown>) =>
    ok(invoke(createInputParameter, { token: p.token, params: { serviceId: tree.svc }, body: { resourceId: app, description: 'a parameter', ...body } }));
  await param({ key: 'size', name: 'Size', type: 'String', required: false, modifiable: true, options: ['small', 'large'], defaultValue: 'small' });
  await param({ key: 'password', name: 'Password', type: 'Password', required: true, modifiable: false });
  await releaseOk(plan);
  const customer = await testCustomerSession(p, 'DEV');
  const subscriptionId = await subscribed(customer.token, { serviceId: tree.svc } as Offering, productTierId);
  const [svc, env, api, model, tier, appItem] = await Promise.all([
    getService(p.orgId, tree.svc),
    getEnvironment(p.orgId, tree.svc, tree.dev.env),
    getServiceApi(p.orgId, tree.svc, tree.dev.api),
    getServiceModel(p.orgId, tree.svc, tree.hosted),
    getProductTier(p.orgId, tree.svc, productTierId),
    findResource(tree.svc, app),
  ]);
  return {
    provider: p,
    customer,
    plan,
    subscriptionId,
    keys: {
      serviceProviderId: p.orgId,
      serviceKey: svc.key,
      serviceAPIVersion: api.apiVersion,
      serviceEnvironmentKey: env.key,
      serviceModelKey: model.key,
      productTierKey: tier.key,
      resourceKey: appItem!.key,
    },
    ids: { app, db, cache },
  };
}

function state(resourceId: string, name: string, extra: Partial<InstanceResourceState> = {}): InstanceResourceState {
  const replicas = extra.replicas ?? 1;
  return {
    resourceId,
    resourceKey: name.toLowerCase(),
    name,
    status: 'RUNNING',
    replicas,
    minReplicas: replicas,
    maxReplicas: replicas,
    multiZone: false,
    outputs: {},
    endpoints: [{ name: name.toLowerCase(), host: `${name.toLowerCase()}.example.test`, port: 443, publiclyAccessible: true }],
    nodes: Array.from({ length: replicas }, (_, i) => ({ id: `${name.toLowerCase()}-${i}`, availabilityZone: `us-east-1${'abc'[i % 3]}`, status: 'RUNNING' })),
    ...extra,
  };
}

/**
 * A RUNNING instance of the world's plan (or in `status`), as the create workflow leaves one: App multi-zone
 * with 2 replicas (1 to 3), Db and Cache one each.
 */
export async function runningInstance(w: World, opts: { status?: InstanceStatus; app?: Partial<InstanceResourceState> } = {}): Promise<ResourceInstanceItem> {
  const instanceId = `instance-${randomBytes(5).toString('hex')}`;
  const item = newResourceInstanceItem({
    instanceId,
    providerOrgId: w.provider.orgId,
    customerOrgId: w.customer.orgId,
    subscriptionId: w.subscriptionId,
    serviceId: w.plan.serviceId,
    environmentId: w.plan.environmentId,
    environmentType: 'DEV',
    serviceApiId: w.plan.serviceApiId,
    serviceModelId: w.plan.serviceModelId,
    productTierId: w.plan.productTierId,
    resourceId: w.ids.app,
    tierVersion: '1.0',
    cloudProvider: 'aws',
    region: 'us-east-1',
    networkType: 'PUBLIC',
    requestParams: { size: 'small', password: 'secret-1' },
    resultParams: {},
    status: opts.status ?? 'RUNNING',
    resources: {
      [w.ids.app]: state(w.ids.app, 'App', { replicas: 2, minReplicas: 1, maxReplicas: 3, multiZone: true, ...opts.app }),
      [w.ids.db]: state(w.ids.db, 'Db'),
      [w.ids.cache]: state(w.ids.cache, 'Cache'),
    },
    createdByUserId: w.customer.userId,
    createdByUserName: 'Customer User',
  });
  await commit({ puts: [{ item }] });
  return item;
}

export const instanceNow = async (id: string) => (await getResourceInstance(id))!;

type Call = (w: World, id: string, opts?: { token?: string; body?: unknown; query?: Record<string, string>; keys?: Partial<World['keys']> }) => Promise<InvokeResult>;

const caller =
  (op: Parameters<typeof invoke>[0]): Call =>
  (w, id, opts = {}) =>
    invoke(op, { token: opts.token ?? w.customer.token, params: { ...w.keys, ...opts.keys, id }, query: opts.query ?? {}, body: opts.body });

export const start = caller(startOp);
export const stop = caller(stopOp);
export const restart = caller(restartOp);
export const update = caller(updateOp);
export const addCapacity = caller(addCapacityOp);
export const removeCapacity = caller(removeCapacityOp);
export const failover = caller(failoverOp);
export const addDns = caller(addDnsOp);
export const removeDns = caller(removeDnsOp);

/** Waits until the instance's operation ended (no activeOperation), returns it. */
export async function settled(id: string, timeoutMs = 15_000): Promise<ResourceInstanceItem> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await instanceNow(id);
    if (!item.activeOperation) return item;
    if (Date.now() > deadline) throw new Error(`instance ${id} still runs ${JSON.stringify(item.activeOperation)} (${item.status})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
