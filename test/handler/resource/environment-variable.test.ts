/** SetEnvironmentVariables, UnsetEnvironmentVariables. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as setEnv } from '#functions/resource/set-environment-variables.ts';
import { operation as unsetEnv } from '#functions/resource/unset-environment-variables.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { addTier, create, createOk, describeIt, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  ({ root, other, reader } = await resourceSessions());
});

describe('SetEnvironmentVariables', () => {
  it('merges by key, unsets by key, and loses nothing under concurrent sets', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db', environmentVariables: [{ key: 'A', value: '1' }, { key: 'B', value: '2' }] });
    const params = { serviceId: tier.serviceId, id };
    const set = (vars: { key: string; value: string }[]) => invoke(setEnv, { params, body: { environmentVariables: vars }, token: root.token });
    expect((await set([{ key: 'B', value: '20' }, { key: 'C', value: '3' }])).status).toBe(200);
    expect((await describeIt(tier, id)).json.environmentVariables).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '20' },
      { key: 'C', value: '3' },
    ]);
    const unset = await invoke(unsetEnv, { params, body: { environmentVariables: [{ key: 'A', value: '' }, { key: 'Z' }] }, token: root.token });
    expect(unset.status).toBe(200);
    expect((await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key)).toEqual(['B', 'C']);
    expect((await set([])).status).toBe(400);
    expect((await set([{ key: '', value: 'x' }])).status).toBe(400);

    await Promise.all(['P', 'Q', 'R', 'S'].map((k) => set([{ key: k, value: k }]).then((r) => expect(r.status).toBe(200))));
    const keys = (await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key).sort();
    expect(keys).toEqual(['B', 'C', 'P', 'Q', 'R', 'S']);
  });
});
