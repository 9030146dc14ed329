/** Releases racing for one plan: one Preferred at the end, every release its own version; and a release's cost with the plan's size. */
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseTierVersion } from '#shared/use-cases/tier-version-set/release.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { callerOf, inBatches } from '../../support/resource-fixtures.ts';
import { createResource } from '#shared/use-cases/resource/resource.ts';
import { describeSet, newPlan, release, resourceIn, statuses } from './fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession('root');
});

describe('ReleaseServiceAPI', () => {
  it('20 concurrent preferred releases: each gets its own version, exactly one is Preferred', async () => {
    const p = await newPlan(root.token, root.orgId);
    await resourceIn(p, 'Writer');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => release(p, { isPreferred: true, versionSetType: i % 2 ? 'Incremental' : 'Major' })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const all = await statuses(p);
    expect(Object.keys(all)).toHaveLength(20);
    expect(Object.values(all).filter((s) => s === 'Preferred')).toHaveLength(1);
    expect(Object.values(all).filter((s) => s === 'Active')).toHaveLength(19);
  }, 60_000);
});

describe('ReleaseServiceAPI at scale', () => {
  it('a release of a plan with hundreds of resources stays within one request (times in the log)', async () => {
    const caller = callerOf(root);
    for (const n of [10, 300]) {
      const p = await newPlan(root.token, root.orgId, `Scale ${n}`);
      await inBatches(Array.from({ length: n }, (_, i) => i), 25, (i) =>
        createResource(caller, p.serviceId, { name: `r${i}`, description: 'x'.repeat(200), productTierId: p.productTierId }),
      );
      const started = performance.now();
      const set = await releaseTierVersion(caller, { serviceId: p.serviceId, productTierId: p.productTierId, type: 'Major', preferred: true, dryRun: false });
      const ms = performance.now() - started;
      console.log(`release of ${n} resources: ${ms.toFixed(0)} ms`);
      expect(set.resources).toHaveLength(n);
      expect((await describeSet(p, '1.0')).json.resources).toHaveLength(n);
      expect(ms).toBeLessThan(20_000);
    }
  }, 120_000);
});
