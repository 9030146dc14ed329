/**
 * A service definition tree built through the real handlers (in-process): a service, its environments with a
 * service API each, and hosting models — what the product-tier and service-plan tests grow their plans on.
 */
import { expect } from 'vitest';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as createApi } from '#functions/service-api/create-service-api.ts';
import { operation as createModel } from '#functions/service-model/create-service-model.ts';
import { invoke } from './invoke.ts';

export interface EnvironmentBranch {
  env: string;
  api: string;
}

export interface Tree {
  svc: string;
  dev: EnvironmentBranch;
  /** PROD, promoted from DEV. */
  prod: EnvironmentBranch;
  /** An OMNISTRATE_HOSTED model under DEV's API. */
  hosted: string;
  /** A BYOA model under DEV's API. */
  byoa: string;
}

async function ok(res: Promise<{ status: number; json: any; body: string }>): Promise<string> {
  const r = await res;
  expect(r.status, r.body).toBe(200);
  return r.json;
}

async function branch(token: string, svc: string, body: Record<string, unknown>): Promise<EnvironmentBranch> {
  const env = await ok(
    invoke(createEnvironment, { token, params: { serviceId: svc }, body: { description: '', deploymentConfigId: 'default', ...body } }),
  );
  const api = await ok(invoke(createApi, { token, params: { serviceId: svc }, body: { description: `${body.name} API`, serviceEnvironmentId: env } }));
  return { env, api };
}

export function modelUnder(token: string, svc: string, serviceApiId: string, name: string, modelType: string): Promise<string> {
  return ok(
    invoke(createModel, {
      token,
      params: { serviceId: svc },
      body: { serviceApiId, name, description: `${name} model`, modelType, features: [{ feature: 'LOGS', configuration: { provider: 'native' } }] },
    }),
  );
}

/** DEV and PROD (source DEV), a service API each, and a hosted and a BYOA model under DEV's API. */
export async function serviceTree(token: string, name: string): Promise<Tree> {
  const svc = await ok(invoke(createService, { token, body: { name, description: `${name} service` } }));
  const dev = await branch(token, svc, { name: 'Dev', type: 'DEV' });
  const prod = await branch(token, svc, { name: 'Prod', type: 'PROD', sourceEnvironmentId: dev.env });
  const [hosted, byoa] = await Promise.all([
    modelUnder(token, svc, dev.api, 'Hosted', 'OMNISTRATE_HOSTED'),
    modelUnder(token, svc, dev.api, 'Bring your own account', 'BYOA'),
  ]);
  return { svc, dev, prod, hosted, byoa };
}
