/**
 * Fixtures of the product-tier handler tests: tiers through the real CreateProductTier handler, and the
 * resource-family items a tier delete reads (a resource with its key guard, change records), written directly.
 */
import { expect } from 'vitest';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as describeTier } from '#functions/product-tier/describe-product-tier.ts';
import { db, tableName } from '#shared/data/client.ts';
import { getItem, stamp } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { ID_PREFIX, newLowerId } from '#shared/domain/ids.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import type { Tree } from '../../support/tree-fixtures.ts';

export type Item = Record<string, any>;

export function fixtures(session: () => TestSession) {
  const root = () => session();

  function newTier(svc: string, body: Record<string, unknown>, token = root().token) {
    return invoke(createTier, {
      token,
      params: { serviceId: svc },
      body: { description: 'a plan', planDescription: 'for customers', tierType: 'OMNISTRATE_MULTI_TENANCY', ...body },
    });
  }

  async function tierId(svc: string, body: Record<string, unknown>): Promise<string> {
    const res = await newTier(svc, body);
    expect(res.status, res.body).toBe(200);
    return res.json;
  }

  const describeOf = (svc: string, id: string, token = root().token) => invoke(describeTier, { token, params: { serviceId: svc, id } });
  const tierItem = (svc: string, id: string) => getItem<Item>(keys.productTier(svc, id));

  /** A resource of the tier, written as the resource group stores it (the item and its key guard, which tier deletes read). */
  async function resourceOf(t: Tree, productTierId: string): Promise<string> {
    const resourceId = newLowerId(ID_PREFIX.resource);
    const item = keys.resource(t.svc, resourceId);
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: stamp({ ...item, entity: 'resource', orgId: root().orgId, serviceId: t.svc, productTierId, resourceId, name: 'Writer', key: 'writer' }),
      }),
    );
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.resourceKeyGuard(t.svc, productTierId, 'writer'), entity: 'guard', resourceId, guardFor: `${item.pk}|${item.sk}` },
      }),
    );
    return resourceId;
  }

  async function removeResource(t: Tree, productTierId: string, resourceId: string) {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.resource(t.svc, resourceId) }));
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.resourceKeyGuard(t.svc, productTierId, 'writer') }));
  }

  /** A change record in the tier's definition log, as the resource group writes it. */
  async function changeOf(t: Tree, productTierId: string, n: number) {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: stamp({
          ...keys.changeRecord(t.svc, productTierId, new Date().toISOString(), String(n)),
          entity: 'change',
          orgId: root().orgId,
          serviceId: t.svc,
          productTierId,
          changedEntity: 'resource',
          kind: 'NEW',
        }),
      }),
    );
  }

  return { newTier, tierId, describeOf, tierItem, resourceOf, removeResource, changeOf };
}
