/**
 * A service (hosting) model: `MODEL#<id>` in its service's partition, under one service API.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import type { FeatureConfiguration, ModelType } from '#shared/domain/service-models.ts';

export interface ServiceModelItem extends Stored {
  entity: 'serviceModel';
  orgId: string;
  serviceId: string;
  serviceModelId: string;
  serviceApiId: string;
  environmentId: string;
  name: string;
  key: string;
  description: string;
  modelType: ModelType;
  features: Record<string, FeatureConfiguration>;
  /** Account configs named at create/copy; linking and verifying them comes with the account-config issue. */
  accountConfigIds: string[];
}

/** A service model of the service in the path, in the caller's org, or 404. */
export async function getServiceModel(orgId: string, serviceId: string, serviceModelId: string): Promise<ServiceModelItem> {
  const item = await getItem<ServiceModelItem>(keys.serviceModel(serviceId, serviceModelId));
  if (!item || item.entity !== 'serviceModel' || item.orgId !== orgId) throw new NotFound('service model');
  return item;
}

/** The parent touch of a child of the model (its product tiers). */
export function serviceModelTouch(orgId: string, serviceId: string, serviceModelId: string): Touch {
  return { key: keys.serviceModel(serviceId, serviceModelId), orgId, entity: 'service model' };
}
