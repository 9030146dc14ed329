/**
 * A service with one product tier, written straight into the table (the attributes docs/data-model.md fixes
 * for those items), so the resource and parameter tests do not depend on the service-definition endpoints.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';
import { keys } from '#shared/data/keys.ts';
import { stamp } from '#shared/data/store.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { expect } from 'vitest';
import { operation as createResourceOp } from '#functions/resource/create-resource.ts';
import { operation as describeResourceOp } from '#functions/resource/describe-resource.ts';
import { invoke } from './invoke.ts';
import { testSession, type TestSession } from './session.ts';

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

// ------------------------------------------------------------------ handler helpers of the resource tests


let defaultToken = '';

/** root, another org's root, and a reader of a third org; root's token becomes the helpers' default. */
export async function resourceSessions(): Promise<{ root: TestSession; other: TestSession; reader: TestSession }> {
  const [root, other, reader] = await Promise.all([testSession('root'), testSession('root', 'Other Org'), testSession('reader')]);
  defaultToken = root.token;
  return { root, other, reader };
}

/** CreateResource in `tier` (description '' unless given). */
export function create(tier: TierFixture, body: Record<string, unknown>, token = defaultToken) {
  return invoke(createResourceOp, { params: { serviceId: tier.serviceId }, body: { description: '', productTierId: tier.productTierId, ...body }, token });
}

export async function createOk(tier: TierFixture, body: Record<string, unknown>): Promise<string> {
  const res = await create(tier, body);
  expect(res.status, res.body).toBe(200);
  return res.json as string;
}

export const describeIt = (tier: TierFixture, id: string, token = defaultToken) =>
  invoke(describeResourceOp, { params: { serviceId: tier.serviceId, id }, token });

/** A multipart/form-data upload of `content` as the part `file`. */
export function multipart(content: string, boundary = 'b0undary', filename = 'app.conf'): { rawBody: string; headers: Record<string, string> } {
  return {
    rawBody: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Runs `f` over `items`, `width` at a time (seeding big tiers without one transaction per tick). */
export async function inBatches<T>(items: T[], width: number, f: (item: T, i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((x, j) => f(x, i + j)));
}

/** The caller of a session, for seeding through the use cases directly. */
export function callerOf(s: TestSession) {
  return { userId: s.userId, orgId: s.orgId, role: s.role, email: s.email, jti: 'test', exp: Math.floor(Date.now() / 1000) + 3600 };
}

/** Sets counters on an item directly (to stand a parent at its limit without creating thousands of children). */
export async function setAttributes(key: { pk: string; sk: string }, values: Record<string, number>): Promise<void> {
  const names = Object.fromEntries(Object.keys(values).map((k, i) => [`#a${i}`, k]));
  const vals = Object.fromEntries(Object.values(values).map((v, i) => [`:a${i}`, v]));
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${Object.keys(values).map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: vals,
    }),
  );
}
