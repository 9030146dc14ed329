/** AddResourceDependency, RemoveResourceDependency, ListDependentResource, and the deletes they guard. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createResource } from '#functions/resource/create-resource.ts';
import { operation as updateResource } from '#functions/resource/update-resource.ts';
import { operation as deleteResource } from '#functions/resource/delete-resource.ts';
import { operation as listDependents } from '#functions/resource/list-dependent-resource.ts';
import { operation as addDependency } from '#functions/resource/add-resource-dependency.ts';
import { operation as removeDependency } from '#functions/resource/remove-resource-dependency.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { addTier, createOk, describeIt, resourceSessions, serviceWithTier } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  ({ root, other } = await resourceSessions());
});

/** proxy → db (with a parameter map) and proxy → cache, where cache → db already. */
async function depTree() {
  const tier = await serviceWithTier(root.orgId);
  const proxy = await createOk(tier, { name: 'Proxy', isProxy: true });
  const db = await createOk(tier, { name: 'Db', internal: true });
  const cache = await createOk(tier, { name: 'Cache', internal: true, resourceDependencies: [{ resourceId: db }] });
  const add = (id: string, dep: string, body: unknown = {}) =>
    invoke(addDependency, { params: { serviceId: tier.serviceId, id, resourceDependencyId: dep }, body, token: root.token });
  expect((await add(proxy, db, { parameterMap: { host: 'dbHost' } })).status).toBe(200);
  expect((await add(proxy, cache)).status).toBe(200);
  return { tier, proxy, db, cache, add };
}

describe('AddResourceDependency', () => {
  it('adds dependencies to the resource', async () => {
    const { tier, proxy, db, cache } = await depTree();
    const deps = (await describeIt(tier, proxy)).json.dependencies.map((d: { resourceId: string }) => d.resourceId);
    expect(deps).toEqual([db, cache]);
  });

  it('refuses cycles, self-dependencies and targets of another tier', async () => {
    const { tier, proxy, db, cache, add } = await depTree();
    const cycle = await add(db, proxy);
    expect(cycle.status).toBe(400);
    expect(cycle.json.message).toMatch(/^dependency would create a cycle: db → proxy → (cache → )?db$/);
    const longCycle = await add(db, cache);
    expect(longCycle.json.message).toContain('cycle');
    expect((await add(db, db)).status).toBe(400);

    const tier2 = await addTier(tier);
    const elsewhere = await createOk(tier2, { name: 'Elsewhere' });
    const cross = await add(proxy, elsewhere);
    expect(cross.status).toBe(400);
    expect(cross.json.message).toContain('not a resource of the same product tier');
  });

  it('guards the target: deleting a resource others depend on is 409, naming them', async () => {
    const { tier, db } = await depTree();
    const blocked = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: db }, token: root.token });
    expect(blocked.status).toBe(409);
    expect(blocked.json.message).toContain('is a dependency of proxy, cache');
  });

  it('refuses a cycle built by racing additions', async () => {
    const tier = await serviceWithTier(root.orgId);
    const a = await createOk(tier, { name: 'A' });
    const b = await createOk(tier, { name: 'B' });
    const c = await createOk(tier, { name: 'C', resourceDependencies: [{ resourceId: a }] });
    // c→a exists; racing a→b and b→c would close a→b→c→a.
    const results = await Promise.all([
      invoke(addDependency, { params: { serviceId: tier.serviceId, id: a, resourceDependencyId: b }, body: {}, token: root.token }),
      invoke(addDependency, { params: { serviceId: tier.serviceId, id: b, resourceDependencyId: c }, body: {}, token: root.token }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });
  it('never lets a dependency land on a resource being deleted', async () => {
    const tier = await serviceWithTier(root.orgId);
    for (let i = 0; i < 3; i++) {
      const target = await createOk(tier, { name: `T${i}` });
      const source = await createOk(tier, { name: `S${i}` });
      const [add, del] = await Promise.all([
        invoke(addDependency, { params: { serviceId: tier.serviceId, id: source, resourceDependencyId: target }, body: {}, token: root.token }),
        invoke(deleteResource, { params: { serviceId: tier.serviceId, id: target }, token: root.token }),
      ]);
      const s = await getResource(root.orgId, tier.serviceId, source);
      const targetGone = (await describeIt(tier, target)).status === 404;
      if (targetGone) expect(s.dependencies).toEqual([]);
      expect([add.status, del.status]).not.toEqual([200, 200]);
    }
  });
});

describe('ListDependentResource', () => {
  it('lists the resources that depend on a resource, in the order they were added', async () => {
    const { tier, proxy, db, cache } = await depTree();
    const dependents = await invoke(listDependents, { params: { serviceId: tier.serviceId, id: db }, token: root.token });
    expect(dependents.status).toBe(200);
    expect(dependents.json).toEqual({ id: db, serviceId: tier.serviceId, ids: [proxy, cache] });
    const none = await invoke(listDependents, { params: { serviceId: tier.serviceId, id: proxy }, token: root.token });
    expect(none.json).toEqual({ id: proxy, serviceId: tier.serviceId, ids: [] });
  });

  it('is invisible to another org', async () => {
    const { tier, db } = await depTree();
    expect((await invoke(listDependents, { params: { serviceId: tier.serviceId, id: db }, token: other.token })).status).toBe(404);
  });
});

describe('RemoveResourceDependency', () => {
  it('removes one dependency; a second time is 404; the target loses that dependent', async () => {
    const { tier, proxy, db, cache } = await depTree();
    const remove = await invoke(removeDependency, { params: { serviceId: tier.serviceId, id: proxy, resourceDependencyId: db }, token: root.token });
    expect(remove.status).toBe(200);
    const again = await invoke(removeDependency, { params: { serviceId: tier.serviceId, id: proxy, resourceDependencyId: db }, token: root.token });
    expect(again.status).toBe(404);
    expect(again.json.message).toBe('resource dependency not found');
    const d = (await describeIt(tier, proxy)).json;
    expect(d.dependencies).toEqual([{ resourceId: cache }]);
    const dependents = await invoke(listDependents, { params: { serviceId: tier.serviceId, id: db }, token: root.token });
    expect(dependents.json.ids).toEqual([cache]);
  });
});

describe('UpdateResource', () => {
  it('replaces dependencies through UpdateResource with the same checks', async () => {
    const tier = await serviceWithTier(root.orgId);
    const a = await createOk(tier, { name: 'A' });
    const b = await createOk(tier, { name: 'B', resourceDependencies: [{ resourceId: a }] });
    const cyc = await invoke(updateResource, { params: { serviceId: tier.serviceId, id: a }, body: { dependencies: [{ resourceId: b }] }, token: root.token });
    expect(cyc.status).toBe(400);
    const clear = await invoke(updateResource, { params: { serviceId: tier.serviceId, id: b }, body: { dependencies: [] }, token: root.token });
    expect(clear.status).toBe(200);
    const del = await invoke(deleteResource, { params: { serviceId: tier.serviceId, id: a }, token: root.token });
    expect(del.status).toBe(200);
    expect((await describeIt(tier, a)).status).toBe(404);
    const create = await invoke(createResource, {
      params: { serviceId: tier.serviceId },
      body: { name: 'C', description: '', productTierId: tier.productTierId, resourceDependencies: [{ resourceId: a }] },
      token: root.token,
    });
    expect(create.status).toBe(400);
  });
});
