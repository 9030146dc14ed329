/**
 * Fixtures of the offering tests: a provider service with a PUBLIC PROD and a PUBLIC DEV environment and a
 * PRIVATE PROD one, each with its API and hosted model, and plans made and released through the handlers.
 */
import { expect } from 'vitest';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as createApi } from '#functions/service-api/create-service-api.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as createInput } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as createOutput } from '#functions/output-parameter/create-output-parameter.ts';
import { invoke } from '../../support/invoke.ts';
import { modelUnder } from '../../support/tree-fixtures.ts';
import { releaseOk, resourceIn, type Plan } from '../tier-version-set/fixtures.ts';

async function ok(res: Promise<{ status: number; json: any; body: string }>): Promise<any> {
  const r = await res;
  expect(r.status, r.body).toBe(200);
  return r.json;
}

export interface Branch {
  env: string;
  api: string;
  model: string;
}

export interface Offered {
  token: string;
  orgId: string;
  serviceId: string;
  prod: Branch;
  dev: Branch;
  hidden: Branch;
}

async function branch(token: string, serviceId: string, name: string, type: string, visibility: string): Promise<Branch> {
  const env = await ok(invoke(createEnvironment, { token, params: { serviceId }, body: { name, type, visibility, description: '', deploymentConfigId: 'default' } }));
  const api = await ok(invoke(createApi, { token, params: { serviceId }, body: { description: `${name} API`, serviceEnvironmentId: env } }));
  const model = await modelUnder(token, serviceId, api, `${name} hosted`, 'OMNISTRATE_HOSTED');
  return { env, api, model };
}

/** A service with PUBLIC PROD, PUBLIC DEV and PRIVATE PROD environments (no plans yet). */
export async function offeredService(token: string, orgId: string, name = `Offered ${Math.random().toString(36).slice(2, 8)}`): Promise<Offered> {
  const serviceId = await ok(invoke(createService, { token, body: { name, description: `${name} service` } }));
  const prod = await branch(token, serviceId, 'Production', 'PROD', 'PUBLIC');
  const dev = await branch(token, serviceId, 'Development', 'DEV', 'PUBLIC');
  const hidden = await branch(token, serviceId, 'Internal', 'PROD', 'PRIVATE');
  return { token, orgId, serviceId, prod, dev, hidden };
}

/** A plan in `branch` (settings as given), not released. */
export async function planIn(o: Offered, b: Branch, name: string, settings: Record<string, unknown> = {}): Promise<Plan> {
  const productTierId = await ok(
    invoke(createTier, {
      token: o.token,
      params: { serviceId: o.serviceId },
      body: { serviceModelId: b.model, name, description: `${name} plan`, planDescription: `${name} for customers`, tierType: 'OMNISTRATE_DEDICATED_TENANCY', ...settings },
    }),
  );
  return { token: o.token, orgId: o.orgId, serviceId: o.serviceId, environmentId: b.env, serviceApiId: b.api, serviceModelId: b.model, productTierId };
}

/** A resource with two input parameters (one modifiable) and an output parameter. */
export async function resourceWithParameters(plan: Plan, name: string): Promise<string> {
  const resourceId = await resourceIn(plan, name);
  const params = { serviceId: plan.serviceId };
  await ok(invoke(createInput, { token: plan.token, params, body: { resourceId, key: 'instanceType', name: 'Instance type', description: 'size', type: 'String', required: true, modifiable: true, options: ['small', 'large'], defaultValue: 'small' } }));
  await ok(invoke(createInput, { token: plan.token, params, body: { resourceId, key: 'dbName', name: 'Database name', description: 'the database', type: 'String', required: false, modifiable: false } }));
  await ok(invoke(createOutput, { token: plan.token, params, body: { resourceId, key: 'endpoint', name: 'Endpoint', description: 'where to connect' } }));
  return resourceId;
}

export { releaseOk };
