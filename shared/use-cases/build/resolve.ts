/**
 * The first half of a build: what already exists for its upsert key (service name in the org, environment
 * name and type, plan name), read without writing anything. A dry run stops here; a build then creates what
 * is missing (upsert.ts) and syncs the definition (definition.ts).
 */
import { NotFound, InvalidState } from '#shared/errors.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import { getService, serviceIdByName, type ServiceItem } from '#shared/data/entities/service.ts';
import { environmentsOf, type EnvironmentItem, type EnvironmentType } from '#shared/data/entities/environment.ts';
import { serviceApiIdOfEnvironment } from '#shared/data/entities/service-api.ts';
import { getServiceModel, serviceModelsOfApi } from '#shared/data/entities/service-model.ts';
import { productTierByKey, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { DesiredPlan } from '#shared/domain/build.ts';

export interface UpsertKey {
  serviceName: string;
  environmentName: string;
  environmentType: EnvironmentType;
  planName: string;
}

export interface Existing {
  service?: ServiceItem;
  environment?: EnvironmentItem;
  serviceApiId?: string;
  tier?: ProductTierItem;
}

const orUndefined = <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e: unknown) => {
    if (e instanceof NotFound) return undefined;
    throw e;
  });

/**
 * The plan of that name among the tiers of every model of the environment's API (at most 100 models, one
 * GetItem of a key guard each). Its model must host it the way the spec says, else 409.
 */
async function planOfApi(orgId: string, serviceId: string, serviceApiId: string, planName: string, plan: DesiredPlan): Promise<ProductTierItem | undefined> {
  const models = await serviceModelsOfApi(serviceId, serviceApiId);
  const key = deriveKey(planName);
  const found = (await Promise.all(models.map((m) => orUndefined(productTierByKey(orgId, serviceId, m.serviceModelId, key))))).find((t) => t);
  if (!found) return undefined;
  const model = await getServiceModel(orgId, serviceId, found.serviceModelId);
  if (model.modelType !== plan.modelType) {
    throw new InvalidState(`plan ${found.name} is hosted as ${model.modelType}; the spec asks for ${plan.modelType}: build it under another plan name`);
  }
  return found;
}

/** What exists for the key, in the caller's org only (another org's service of the same name is not seen). */
export async function resolveExisting(orgId: string, key: UpsertKey, plan: DesiredPlan): Promise<Existing> {
  const serviceId = await serviceIdByName(orgId, key.serviceName);
  const service = serviceId ? await orUndefined(getService(orgId, serviceId)) : undefined;
  if (!service) return {};
  const wanted = key.environmentName.trim().toLowerCase();
  const environment = (await environmentsOf(service.serviceId)).find((e) => e.orgId === orgId && e.name.toLowerCase() === wanted);
  if (!environment) return { service };
  if (environment.type !== key.environmentType) {
    throw new InvalidState(`environment ${environment.name} of service ${service.name} has type ${environment.type}, not ${key.environmentType}`);
  }
  const serviceApiId = await serviceApiIdOfEnvironment(service.serviceId, environment.environmentId);
  if (!serviceApiId) return { service, environment };
  const tier = await planOfApi(orgId, service.serviceId, serviceApiId, key.planName, plan);
  return { service, environment, serviceApiId, tier };
}
