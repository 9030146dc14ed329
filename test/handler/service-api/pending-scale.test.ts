/** DiscardPendingChanges of a restore larger than one transaction: committed in exact chunks, finished in one call. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createResource, deleteResource } from '#shared/use-cases/resource/resource.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { hasPendingChanges } from '#shared/data/entities/tier-version-set.ts';
import { loadTierDefinition } from '#shared/use-cases/tier-definition.ts';
import { callerOf, inBatches, resourceSessions } from '../../support/resource-fixtures.ts';
import type { TestSession } from '../../support/session.ts';
import { describeOf, discardOf, newPlan, picture, release } from './pending-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  ({ root } = await resourceSessions());
});

describe('DiscardPendingChanges', () => {
  it('re-creates 40 deleted resources (120 items with their guards) in several transactions, counters exact', async () => {
    const p = await newPlan(root);
    const c = callerOf(root);
    const ids: string[] = [];
    await inBatches([...Array(40).keys()], 8, async (i) => {
      ids[i] = await createResource(c, p.svc, { name: `Unit ${i}`, description: `unit ${i}`, productTierId: p.tier });
    });
    await release(root, p);
    const before = await picture(root, p);
    await inBatches(ids, 8, (id) => deleteResource(c, p.svc, id));
    expect(Object.keys((await describeOf(p, root.token)).json.resourceChangeSets)).toHaveLength(40);

    const res = await discardOf(p, root.token);
    expect(res.status, res.body).toBe(200);
    expect(await picture(root, p)).toBe(before);
    const tier = await getProductTier(root.orgId, p.svc, p.tier);
    expect((tier as { resourceCount?: number }).resourceCount).toBe(40);
    expect((await loadTierDefinition(root.orgId, p.svc, p.tier)).resources).toHaveLength(40);
    expect(await hasPendingChanges(tier as never)).toBe(false);
    expect((await describeOf(p, root.token)).json.resourceChangeSets).toEqual({});
  }, 60_000);
});
