/**
 * Fixtures of the service-model handler tests: a service with one environment and its service API, models
 * under it, and product tiers written through the real CreateProductTier/DeleteProductTier handlers.
 */
import { expect } from 'vitest';
import { operation as createModel } from '#functions/service-model/create-service-model.ts';
import { operation as createApi } from '#functions/service-api/create-service-api.ts';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as deleteTier } from '#functions/product-tier/delete-product-tier.ts';
import { queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';

export interface Tree {
  svc: string;
  env: string;
  api: string;
}

export type Item = Record<string, any>;

export function fixtures(session: () => TestSession) {
  const token = () => session().token;

  async function apiIn(svc: string, envName: string): Promise<{ env: string; api: string }> {
    const env = (
      await invoke(createEnvironment, {
        token: token(),
        params: { serviceId: svc },
        body: { name: envName, description: '', type: 'DEV', deploymentConfigId: 'default' },
      })
    ).json;
    const api = (await invoke(createApi, { token: token(), params: { serviceId: svc }, body: { description: '', serviceEnvironmentId: env } })).json;
    return { env, api };
  }

  /** A service with one environment and its service API, through the real handlers. */
  async function newTree(name: string, envName = 'Dev'): Promise<Tree> {
    const svc = (await invoke(createService, { token: token(), body: { name, description: '' } })).json;
    return { svc, ...(await apiIn(svc, envName)) };
  }

  function newModel(svc: string, body: Record<string, unknown>, t = token()) {
    return invoke(createModel, { token: t, params: { serviceId: svc }, body: { description: '', modelType: 'OMNISTRATE_HOSTED', ...body } });
  }

  async function modelId(t: Tree, name: string, modelType = 'OMNISTRATE_HOSTED'): Promise<string> {
    const res = await newModel(t.svc, { serviceApiId: t.api, name, modelType });
    expect(res.status).toBe(200);
    return res.json;
  }

  /** A product tier of the model, through CreateProductTier (key guard and the model's tier count with it). */
  async function tierFixture(t: Tree, serviceModelId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await invoke(createTier, {
      token: token(),
      params: { serviceId: t.svc },
      body: {
        serviceModelId,
        name,
        description: `${name} tier`,
        planDescription: '',
        tierType: 'OMNISTRATE_MULTI_TENANCY',
        pricing: { unit: 'hour', price: 2 },
        maxNumberOfInstances: 5,
        ...extra,
      },
    });
    expect(res.status, res.body).toBe(200);
    return res.json;
  }

  async function removeTier(t: Tree, productTierId: string) {
    expect((await invoke(deleteTier, { token: token(), params: { serviceId: t.svc, id: productTierId } })).status).toBe(200);
  }

  const tiersOf = async (svc: string, serviceModelId: string) =>
    (await queryAll<Item>(keys.productTiersOfService(svc))).filter((x) => x.serviceModelId === serviceModelId);

  return { apiIn, newTree, newModel, modelId, tierFixture, removeTier, tiersOf };
}
