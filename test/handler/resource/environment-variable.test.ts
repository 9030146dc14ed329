/** SetEnvironmentVariables, UnsetEnvironmentVariables. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as setEnv } from '#functions/resource/set-environment-variables.ts';
import { operation as unsetEnv } from '#functions/resource/unset-environment-variables.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { createOk, describeIt, resourceSessions, serviceWithTier } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  ({ root, other } = await resourceSessions());
});

/** A resource created with A=1, B=2, then set B=20, C=3. */
async function withVariables() {
  const tier = await serviceWithTier(root.orgId);
  const id = await createOk(tier, { name: 'Db', environmentVariables: [{ key: 'A', value: '1' }, { key: 'B', value: '2' }] });
  const params = { serviceId: tier.serviceId, id };
  const set = (vars: { key: string; value: string }[]) => invoke(setEnv, { params, body: { environmentVariables: vars }, token: root.token });
  expect((await set([{ key: 'B', value: '20' }, { key: 'C', value: '3' }])).status).toBe(200);
  const unset = (vars: { key: string; value?: string }[], token = root.token) =>
    invoke(unsetEnv, { params, body: { environmentVariables: vars }, token });
  return { tier, id, set, unset };
}

describe('SetEnvironmentVariables', () => {
  it('merges by key', async () => {
    const { tier, id } = await withVariables();
    expect((await describeIt(tier, id)).json.environmentVariables).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '20' },
      { key: 'C', value: '3' },
    ]);
  });

  it('refuses an empty list and an empty key (400)', async () => {
    const { set } = await withVariables();
    expect((await set([])).status).toBe(400);
    expect((await set([{ key: '', value: 'x' }])).status).toBe(400);
  });

  it('loses nothing under concurrent sets', async () => {
    const { tier, id, set, unset } = await withVariables();
    expect((await unset([{ key: 'A', value: '' }])).status).toBe(200);
    await Promise.all(['P', 'Q', 'R', 'S'].map((k) => set([{ key: k, value: k }]).then((r) => expect(r.status).toBe(200))));
    const keys = (await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key).sort();
    expect(keys).toEqual(['B', 'C', 'P', 'Q', 'R', 'S']);
  });
});

describe('UnsetEnvironmentVariables', () => {
  it('unsets by key, whatever value is sent, and ignores keys that are not set', async () => {
    const { tier, id, unset } = await withVariables();
    const res = await unset([{ key: 'A', value: '' }, { key: 'Z' }]);
    expect(res.status).toBe(200);
    expect((await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key)).toEqual(['B', 'C']);
  });

  it('is invisible to another org and changes nothing', async () => {
    const { tier, id, unset } = await withVariables();
    expect((await unset([{ key: 'A' }], other.token)).status).toBe(404);
    expect((await describeIt(tier, id)).json.environmentVariables.map((v: { key: string }) => v.key)).toEqual(['A', 'B', 'C']);
  });
});
