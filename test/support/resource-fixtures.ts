/**
 * A service with one product tier, written straight into the table (the attributes docs/data-model.md fixes
 * for those items), so the resource and parameter tests do not depend on the service-definition endpoints.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';
import { keys } from '#shared/data/keys.ts';
import { stamp } from '#shared/data/store.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';

export interface TierFixture {
  orgId: string;
  serviceId: string;
  environmentId: string;
  serviceApiId: string;
  serviceModelId: string;
  productTierId: string;
}

async function put(item: Record<string, unknown> & { pk: string; sk: string }) {
  await db().send(new PutCommand({ TableName: tableName(), Item: stamp(item) }));
}

/** Another tier in an existing service. */
export async function addTier(base: Omit<TierFixture, 'productTierId'>, name = 'Premium'): Promise<TierFixture> {
  const productTierId = newId(ID_PREFIX.productTier);
  await put({
    ...keys.productTier(base.serviceId, productTierId),
    entity: 'productTier',
    ...base,
    productTierId,
    name,
    key: name.toLowerCase(),
    description: `${name} plan`,
    tierType: 'OMNISTRATE_DEDICATED_TENANCY',
  });
  return { ...base, productTierId };
}

/** A fresh service in `orgId` with one environment/API/model chain and one tier. */
export async function serviceWithTier(orgId: string, name = 'Postgres'): Promise<TierFixture> {
  const serviceId = newId(ID_PREFIX.service);
  const createdAt = new Date().toISOString();
  await put({
    ...keys.service(serviceId),
    entity: 'service',
    serviceId,
    orgId,
    name: `${name} ${serviceId}`,
    key: serviceId.toLowerCase(),
    description: `${name} service`,
    serviceLogoURL: '',
    ...keys.serviceListing(orgId, createdAt, serviceId),
  });
  return addTier(
    {
      orgId,
      serviceId,
      environmentId: newId(ID_PREFIX.environment),
      serviceApiId: newId(ID_PREFIX.serviceApi),
      serviceModelId: newId(ID_PREFIX.serviceModel),
    },
    'Standard',
  );
}
