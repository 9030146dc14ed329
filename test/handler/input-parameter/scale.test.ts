/** ListInputParameter past one DynamoDB page, and the per-resource limit counted on the resource. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listIp } from '#functions/input-parameter/list-input-parameter.ts';
import { operation as createIp } from '#functions/input-parameter/create-input-parameter.ts';
import { keys } from '#shared/data/keys.ts';
import { MAX_PARAMETERS_PER_RESOURCE } from '#shared/data/entities/parameter.ts';
import { createInputParameter } from '#shared/use-cases/input-parameter.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { callerOf, createOk, inBatches, resourceSessions, serviceWithTier, setAttributes } from '../../support/resource-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  ({ root } = await resourceSessions());
});

const body = (resourceId: string, key: string, description = '') => ({
  resourceId, key, name: key, description, type: 'String', required: false, modifiable: true,
});

describe('ListInputParameter', () => {
  it('answers every input parameter of a resource holding more than one DynamoDB page (1 MB)', async () => {
    const tier = await serviceWithTier(root.orgId);
    const db = await createOk(tier, { name: 'Db' });
    const n = 70;
    const caller = callerOf(root);
    await inBatches([...Array(n).keys()], 10, (i) =>
      createInputParameter(caller, tier.serviceId, { ...body(db, `p${i}`, 'd'.repeat(4000)), options: [...Array(12).keys()].map((k) => `${k}`.padEnd(1024, 'o')) }),
    );
    const res = await invoke(listIp, { params: { serviceId: tier.serviceId, resourceId: db }, token: root.token });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(1024 * 1024);
    expect(res.json.ids).toHaveLength(n);
    expect(res.json.nextPageToken).toBeUndefined();
  }, 120_000);
});

describe('CreateInputParameter', () => {
  it('refuses (409) a parameter past the per-resource limit', async () => {
    const tier = await serviceWithTier(root.orgId);
    const db = await createOk(tier, { name: 'Db' });
    await setAttributes(keys.resource(tier.serviceId, db), { inputParameterCount: MAX_PARAMETERS_PER_RESOURCE });
    const res = await invoke(createIp, { params: { serviceId: tier.serviceId }, body: body(db, 'late'), token: root.token });
    expect(res.status).toBe(409);
    expect(res.json.message).toContain(`at most ${MAX_PARAMETERS_PER_RESOURCE} input parameters`);
  });
});
