/** ListOutputParameter past one DynamoDB page. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listOp } from '#functions/output-parameter/list-output-parameter.ts';
import { createOutputParameter } from '#shared/use-cases/output-parameter.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { callerOf, createOk, inBatches, resourceSessions, serviceWithTier } from '../../support/resource-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  ({ root } = await resourceSessions());
});

describe('ListOutputParameter', () => {
  it('answers every output parameter of a resource holding more than one DynamoDB page (1 MB)', async () => {
    const tier = await serviceWithTier(root.orgId);
    const db = await createOk(tier, { name: 'Db' });
    const n = 130;
    const caller = callerOf(root);
    await inBatches([...Array(n).keys()], 10, (i) =>
      createOutputParameter(caller, tier.serviceId, { resourceId: db, key: `o${i}`, name: `O${i}`, description: 'd'.repeat(4000), value: 'v'.repeat(4096), valueRef: 'r'.repeat(1024) }),
    );
    const res = await invoke(listOp, { params: { serviceId: tier.serviceId, resourceId: db }, token: root.token });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(1024 * 1024);
    expect(res.json.ids).toHaveLength(n);
    expect(res.json.nextPageToken).toBeUndefined();
  }, 120_000);
});
