/** DescribePendingChanges and DiscardPendingChanges over the handlers (big discards: pending-scale.test.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { createResource, deleteResource, updateResource } from '#shared/use-cases/resource/resource.ts';
import { createInputParameter, deleteInputParameter, updateInputParameter } from '#shared/use-cases/input-parameter.ts';
import { createOutputParameter } from '#shared/use-cases/output-parameter.ts';
import { addFile, updateFileContent } from '#shared/use-cases/resource/file.ts';
import { deregisterActionHook, registerActionHook } from '#shared/use-cases/resource/action-hook.ts';
import { enableResourceCapability } from '#shared/use-cases/resource/capability.ts';
import { setEnvironmentVariables } from '#shared/use-cases/resource/environment-variable.ts';
import { disableProductTierFeature, enableProductTierFeature, updateProductTier } from '#shared/use-cases/product-tier.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import { hasPendingChanges } from '#shared/data/entities/tier-version-set.ts';
import { loadTierDefinition } from '#shared/use-cases/tier-definition.ts';
import { callerOf, resourceSessions } from '../../support/resource-fixtures.ts';
import type { TestSession } from '../../support/session.ts';
import { describeOf, discardOf, newPlan, picture, release, type Plan } from './pending-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  ({ root, other, reader } = await resourceSessions());
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

interface Seeded {
  db: string;
  app: string;
  old: string;
  size: string;
  ref: string;
  file: string;
}

/** A definition with every kind of item: dependencies, parameters (one pointing at another resource), a file, a hook, env vars, a feature. */
async function seed(p: Plan): Promise<Seeded> {
  const c = callerOf(root);
  const db = await createResource(c, p.svc, { name: 'Writer', description: 'db', productTierId: p.tier });
  const app = await createResource(c, p.svc, {
    name: 'App',
    description: 'app',
    productTierId: p.tier,
    resourceDependencies: [{ resourceId: db }],
    environmentVariables: [{ key: 'A', value: '1' }],
  });
  const old = await createResource(c, p.svc, { name: 'Old', description: 'to be removed', productTierId: p.tier });
  const size = await createInputParameter(c, p.svc, { resourceId: app, key: 'size', name: 'Size', description: '', type: 'String', required: false, modifiable: true, defaultValue: 'small' });
  const ref = await createInputParameter(c, p.svc, { resourceId: app, key: 'writer', name: 'Writer', description: '', type: 'Resource', required: false, modifiable: false, dependentResourceId: db });
  await createOutputParameter(c, p.svc, { resourceId: old, key: 'endpoint', name: 'Endpoint', description: '', value: 'x' });
  const file = await addFile(c, p.svc, db, { name: 'conf', description: 'config', type: 'CONFIG', mountPath: '/etc/app.conf' }, { body: Buffer.from('version one') });
  await addFile(c, p.svc, old, { name: 'old', description: '', type: 'CONFIG', mountPath: '/etc/old.conf' }, { body: Buffer.from('old bytes') });
  await registerActionHook(c, p.svc, db, { scope: 'NODE', type: 'INIT', commandTemplate: b64('echo hi') });
  await enableProductTierFeature(c, { serviceId: p.svc, id: p.tier }, { feature: 'LOGS', configuration: { level: 'info' } });
  return { db, app, old, size, ref, file };
}

/** One change of every kind, including a name taken over from a deleted resource and a new resource. */
async function changeEverything(p: Plan, s: Seeded): Promise<string> {
  const c = callerOf(root);
  const cache = await createResource(c, p.svc, { name: 'Cache', description: 'new', productTierId: p.tier });
  await updateResource(c, p.svc, s.app, { description: 'changed' });
  await deleteResource(c, p.svc, s.old);
  await updateResource(c, p.svc, s.app, { name: 'Old' });
  await updateInputParameter(c, p.svc, s.size, { defaultValue: 'large' });
  await deleteInputParameter(c, p.svc, s.ref);
  await createOutputParameter(c, p.svc, { resourceId: s.app, key: 'url', name: 'URL', description: '', value: 'http://app' });
  await deregisterActionHook(c, p.svc, s.db, { scope: 'NODE', type: 'INIT' });
  await enableResourceCapability(c, p.svc, s.app, { capability: 'AUTOSCALING', configuration: { max: 3 } });
  await setEnvironmentVariables(c, p.svc, s.app, { environmentVariables: [{ key: 'A', value: '2' }] });
  await updateFileContent(c, p.svc, s.db, s.file, { body: Buffer.from('version two') });
  await disableProductTierFeature(c, { serviceId: p.svc, id: p.tier }, { feature: 'LOGS' });
  await updateProductTier(c, { serviceId: p.svc, id: p.tier }, { description: 'changed plan' });
  return cache;
}

const changeOf = (set: any, category: string, name: string) => set.categorizedResourceChanges[category]?.changes.find((x: any) => x.name === name);

describe('DescribePendingChanges', () => {
  it('before any release answers the whole definition as PENDING_NEW', async () => {
    const p = await newPlan(root);
    const s = await seed(p);
    const res = await describeOf(p, root.token);
    expect(res.status, res.body).toBe(200);
    expect(res.json.id).toBe(p.api);
    expect(res.json.serviceId).toBe(p.svc);
    const sets = res.json.resourceChangeSets;
    expect(Object.keys(sets)).toEqual([p.tier, s.db, s.app, s.old]);
    for (const id of [s.db, s.app, s.old]) expect(sets[id]).toMatchObject({ resourceChanges: 'PENDING_NEW', overallResourceStatus: 'PENDING_CHANGE' });
    expect(sets[p.tier]).toMatchObject({ resourceName: 'Standard', resourceChanges: 'PENDING_NEW', productTierFeatureChanges: 'PENDING_NEW' });
    expect(changeOf(sets[s.app], 'inputParameters', 'size')).toMatchObject({ changeType: 'PENDING_NEW', attributes: { resourceId: s.app, parameterId: s.size } });
    expect(JSON.parse(changeOf(sets[s.app], 'inputParameters', 'size').attributes.new)).toMatchObject({ defaultValue: 'small' });
    expect(changeOf(sets[s.db], 'files', '/etc/app.conf').changeType).toBe('PENDING_NEW');
    expect(changeOf(sets[s.db], 'actionHooks', 'NODE/INIT').changeType).toBe('PENDING_NEW');
    // Deterministic: the same definition answers the same bytes.
    expect((await describeOf(p, root.token)).body).toBe(res.body);
  });

  it('after a release lists each change with its old and new values', async () => {
    const p = await newPlan(root);
    const s = await seed(p);
    await release(root, p);
    expect((await describeOf(p, root.token)).json.resourceChangeSets).toEqual({});
    const cache = await changeEverything(p, s);
    const res = await describeOf(p, root.token);
    expect(res.status, res.body).toBe(200);
    const sets = res.json.resourceChangeSets;
    expect(Object.keys(sets).sort()).toEqual([p.tier, s.db, s.app, cache, s.old].sort());
    expect(sets[cache].resourceChanges).toBe('PENDING_NEW');
    expect(sets[s.old]).toMatchObject({ resourceName: 'Old', resourceChanges: 'PENDING_DELETE' });
    expect(changeOf(sets[s.old], 'outputParameters', 'endpoint').changeType).toBe('PENDING_DELETE');
    expect(changeOf(sets[s.old], 'files', '/etc/old.conf').changeType).toBe('PENDING_DELETE');

    const app = sets[s.app];
    expect(app.resourceChanges).toBe('PENDING_UPDATE');
    expect(changeOf(app, 'resource', 'description')).toEqual({ name: 'description', changeType: 'PENDING_UPDATE', attributes: { resourceId: s.app, old: '"app"', new: '"changed"' } });
    expect(changeOf(app, 'resource', 'name').attributes).toMatchObject({ old: '"App"', new: '"Old"' });
    expect(changeOf(app, 'inputParameters', 'size')).toMatchObject({
      changeType: 'PENDING_UPDATE',
      attributes: { parameterId: s.size, changed: 'defaultValue', old: '{"defaultValue":"small"}', new: '{"defaultValue":"large"}' },
    });
    expect(changeOf(app, 'inputParameters', 'writer').changeType).toBe('PENDING_DELETE');
    expect(changeOf(app, 'outputParameters', 'url').changeType).toBe('PENDING_NEW');
    expect(changeOf(app, 'capabilities', 'AUTOSCALING')).toMatchObject({ changeType: 'PENDING_NEW' });
    expect(changeOf(app, 'environmentVariables', 'A').attributes).toMatchObject({ old: '{"value":"1"}', new: '{"value":"2"}' });

    const db = sets[s.db];
    expect(db.resourceChanges).toBe('ACTIVE');
    expect(changeOf(db, 'actionHooks', 'NODE/INIT').changeType).toBe('PENDING_DELETE');
    expect(changeOf(db, 'files', '/etc/app.conf').attributes.changed).toContain('uploadTime');

    const tier = sets[p.tier];
    expect(tier).toMatchObject({ resourceChanges: 'PENDING_UPDATE', productTierFeatureChanges: 'PENDING_UPDATE' });
    expect(changeOf(tier, 'productTierFeatures', 'LOGS')).toMatchObject({ changeType: 'PENDING_DELETE' });
    expect(changeOf(tier, 'productTier', 'description').attributes).toMatchObject({ old: '"a plan"', new: '"changed plan"' });
  });

  it('is 404 for another org, an unknown tier and a tier of another service API; 400 without productTierId', async () => {
    const p = await newPlan(root);
    expect((await describeOf(p, other.token)).status).toBe(404);
    expect((await describeOf(p, root.token, { productTierId: 'pt-unknown0000' })).status).toBe(404);
    const wrongApi = await describeOf(p, root.token, { productTierId: p.tier }, p.otherApi);
    expect(wrongApi.status).toBe(404);
    expect(wrongApi.json.message).toContain('product tier not found');
    const missing = await describeOf(p, root.token, {});
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('productTierId');
    expect((await describeOf(p, root.token, { productTierId: 'bad id!' })).status).toBe(400);
    // A reader of a third org sees nothing either.
    expect((await describeOf(p, reader.token)).status).toBe(404);
  });
});

describe('DiscardPendingChanges', () => {
  it('restores the released definition exactly, with the same ids, and leaves nothing pending', async () => {
    const p = await newPlan(root);
    const s = await seed(p);
    await release(root, p);
    const before = await picture(root, p);
    await changeEverything(p, s);
    expect(await picture(root, p)).not.toBe(before);
    const tierBefore = await getProductTier(root.orgId, p.svc, p.tier);
    expect(await hasPendingChanges(tierBefore as never)).toBe(true);

    const res = await discardOf(p, root.token);
    expect(res.status, res.body).toBe(200);
    expect(await picture(root, p)).toBe(before);
    expect((await describeOf(p, root.token)).json.resourceChangeSets).toEqual({});
    expect(await hasPendingChanges((await getProductTier(root.orgId, p.svc, p.tier)) as never)).toBe(false);

    // Counters and references are the released ones again: the definition reads whole, the referrers are back.
    const def = await loadTierDefinition(root.orgId, p.svc, p.tier);
    expect(def.resources).toHaveLength(3);
    const db = await getResource(root.orgId, p.svc, s.db);
    expect(db.referencedBy).toEqual([s.app]);
    expect(Object.keys(db.parameterReferences ?? {})).toEqual([s.ref]);
    // The restored name guards hold: the re-created resource's name is taken again, the released ones free.
    const c = callerOf(root);
    await expect(createResource(c, p.svc, { name: 'Old', description: '', productTierId: p.tier })).rejects.toMatchObject({ name: 'Conflict' });
    await expect(createResource(c, p.svc, { name: 'Cache', description: '', productTierId: p.tier })).resolves.toMatch(/^r-/);

    // A second discard restores what changed since (the new resource) and is otherwise a no-op.
    expect((await discardOf(p, root.token)).status).toBe(200);
    expect(await picture(root, p)).toBe(before);
  });

  it('refuses (409) a plan that was never released, and changes nothing', async () => {
    const p = await newPlan(root);
    await seed(p);
    const before = await picture(root, p);
    const res = await discardOf(p, root.token);
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('never been released');
    expect(await picture(root, p)).toBe(before);
  });

  it('is 404 for another org and another API, 403 for a reader, 400 without productTierId', async () => {
    const p = await newPlan(root);
    const s = await seed(p);
    await release(root, p);
    await updateResource(callerOf(root), p.svc, s.app, { description: 'changed' });
    const changed = await picture(root, p);
    expect((await discardOf(p, other.token)).status).toBe(404);
    expect((await discardOf(p, root.token, { productTierId: p.tier }, p.otherApi)).status).toBe(404);
    expect((await discardOf(p, root.token, { productTierId: 'pt-unknown0000' })).status).toBe(404);
    expect((await discardOf(p, reader.token)).status).toBe(403);
    expect((await discardOf(p, root.token, {})).status).toBe(400);
    expect(await picture(root, p)).toBe(changed);
  });
});
