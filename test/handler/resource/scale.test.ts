/**
 * Resources at scale: ListResources completes past one DynamoDB page, a create costs the same whatever the
 * tier holds, the per-tier limit answers 409, key guards resolve keys, and a delete cascades past one
 * transaction.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { operation as listResources } from '#functions/resource/list-resources.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as createIp } from '#functions/input-parameter/create-input-parameter.ts';
import { operation as createOp } from '#functions/output-parameter/create-output-parameter.ts';
import { db } from '#shared/data/client.ts';
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll } from '#shared/data/store.ts';
import { MAX_RESOURCES_PER_TIER } from '#shared/data/entities/resource.ts';
import { createResource } from '#shared/use-cases/resource/resource.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { callerOf, create, createOk, inBatches, resourceSessions, serviceWithTier, setAttributes } from '../../support/resource-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  ({ root } = await resourceSessions());
});

describe('ListResources', () => {
  it('answers every resource of a tier holding more than one DynamoDB page (1 MB)', async () => {
    const tier = await serviceWithTier(root.orgId);
    const caller = callerOf(root);
    const n = 100;
    const description = 'd'.repeat(4096);
    await inBatches([...Array(n).keys()], 10, (i) =>
      createResource(caller, tier.serviceId, { name: `R${i}`, description, productTierId: tier.productTierId, customLabels: Object.fromEntries([...Array(8).keys()].map((k) => [`pad${k}`, 'x'.repeat(1000)])) }),
    );
    const res = await invoke(listResources, { params: { serviceId: tier.serviceId, productTierId: tier.productTierId }, token: root.token });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(1024 * 1024);
    expect(res.json.ids).toHaveLength(n);
    expect(new Set(res.json.ids).size).toBe(n);
    expect(res.json.nextPageToken).toBeUndefined();
  }, 120_000);
});

describe('CreateResource', () => {
  it('issues the same reads and writes with 1 or 40 siblings (nothing scales with the tier)', async () => {
    const tier = await serviceWithTier(root.orgId);
    const calls = async (name: string) => {
      const spy = vi.spyOn(db(), 'send');
      try {
        await createOk(tier, { name });
        return spy.mock.calls.map(([c]) => c.constructor.name);
      } finally {
        spy.mockRestore();
      }
    };
    const first = await calls('First');
    await inBatches([...Array(40).keys()], 10, (i) => createOk(tier, { name: `Sibling ${i}` }));
    const later = await calls('Later');
    expect(first).toContain('TransactWriteCommand');
    expect(later).toEqual(first);
    expect(later.filter((c) => c === 'QueryCommand').length).toBeLessThanOrEqual(1);
  }, 60_000);

  it('refuses (409) a resource past the per-tier limit, counted on the tier', async () => {
    const tier = await serviceWithTier(root.orgId);
    await setAttributes(keys.productTier(tier.serviceId, tier.productTierId), { resourceCount: MAX_RESOURCES_PER_TIER - 1 });
    await createOk(tier, { name: 'Last' });
    const full = await create(tier, { name: 'One too many' });
    expect(full.status).toBe(409);
    expect(full.json.message).toContain(`at most ${MAX_RESOURCES_PER_TIER} resources`);
  });

  it('keeps the key guard pointing at the resource with the key as value, and derives the next free key', async () => {
    const tier = await serviceWithTier(root.orgId);
    const first = await createOk(tier, { name: 'MySQL' });
    const second = await createOk(tier, { name: 'My SQL' });
    const guard = await getItem<{ resourceId: string; value: string }>(keys.resourceKeyGuard(tier.serviceId, tier.productTierId, 'mySQL'));
    expect(guard).toMatchObject({ resourceId: first, value: 'mySQL' });
    const next = await getItem<{ resourceId: string; value: string }>(keys.resourceKeyGuard(tier.serviceId, tier.productTierId, 'mySQL-2'));
    expect(next).toMatchObject({ resourceId: second, value: 'mySQL-2' });
    const racing = await Promise.all([create(tier, { name: 'M ySQL' }), create(tier, { name: 'MyS QL' })]);
    expect(racing.map((r) => r.status)).toEqual([200, 200]);
    const taken = await queryAll<{ value: string }>(keys.resourceKeyGuardsStartingWith(tier.serviceId, tier.productTierId, 'mySQL'));
    expect(taken.map((g) => g.value).sort()).toEqual(['mySQL', 'mySQL-2', 'mySQL-3', 'mySQL-4']);
  });
});

describe('DeleteResource', () => {
  it('cascades to more children than one transaction holds, and leaves the counters right', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Big' });
    const target = await createOk(tier, { name: 'Target' });
    const param = (key: string, extra: Record<string, unknown> = {}) =>
      invoke(createIp, {
        params: { serviceId: tier.serviceId },
        body: { resourceId: id, key, name: key, description: '', type: 'String', required: false, modifiable: true, ...extra },
        token: root.token,
      });
    await inBatches([...Array(45).keys()], 5, async (i) => expect((await param(`in${i}`)).status).toBe(200));
    expect((await param('ref', { type: 'Resource', dependentResourceId: target })).status).toBe(200);
    await inBatches([...Array(25).keys()], 5, async (i) => {
      const r = await invoke(createOp, { params: { serviceId: tier.serviceId }, body: { resourceId: id, key: `out${i}`, name: 'o', description: 'd' }, token: root.token });
      expect(r.status).toBe(200);
    });
    const del = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id }, token: root.token });
    expect(del.status, del.body).toBe(200);
    expect(await queryAll(keys.childrenOfResource(tier.serviceId, id, 'IP'))).toEqual([]);
    expect(await queryAll(keys.childrenOfResource(tier.serviceId, id, 'OP'))).toEqual([]);
    const t = await getItem<{ parameterReferences?: Record<string, string> }>(keys.resource(tier.serviceId, target));
    expect(t?.parameterReferences).toEqual({});
    expect((await getItem<{ resourceCount: number }>(keys.productTier(tier.serviceId, tier.productTierId)))?.resourceCount).toBe(1);
    // The target is free to go now.
    expect((await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: target }, token: root.token })).status).toBe(200);
  }, 60_000);
});
