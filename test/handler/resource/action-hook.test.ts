/** RegisterActionHook, ListActionHooks, DeregisterActionHook. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as registerHook } from '#functions/resource/register-action-hook.ts';
import { operation as listHooks } from '#functions/resource/list-action-hooks.ts';
import { operation as deregisterHook } from '#functions/resource/deregister-action-hook.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { createOk, describeIt, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  ({ root, other } = await resourceSessions());
});

const cmd = Buffer.from('echo init').toString('base64');
const again = Buffer.from('echo again').toString('base64');

/** A resource with a NODE/INIT hook registered twice (the second replaces the first) and a CLUSTER/HEALTH_CHECK hook. */
async function hooked() {
  const tier: TierFixture = await serviceWithTier(root.orgId);
  const id = await createOk(tier, { name: 'Db' });
  const params = { serviceId: tier.serviceId, id };
  const reg = (body: unknown, token = root.token) => invoke(registerHook, { params, body, token });
  expect((await reg({ scope: 'node', type: 'init', commandTemplate: cmd })).status).toBe(200);
  expect((await reg({ scope: 'CLUSTER', type: 'HEALTH_CHECK', commandTemplate: cmd, customImage: 'busybox', customCommand: ['/bin/sh', '-c'] })).status).toBe(200);
  expect((await reg({ scope: 'NODE', type: 'INIT', commandTemplate: again })).status).toBe(200);
  return { tier, id, params, reg };
}

describe('RegisterActionHook', () => {
  it('registers one hook per (scope, type) and replaces on re-register', async () => {
    const { tier, id } = await hooked();
    const hooks = (await describeIt(tier, id)).json.actionHooks;
    expect(hooks).toHaveLength(2);
    expect(hooks).toContainEqual({ scope: 'NODE', type: 'INIT', commandTemplate: again });
  });

  it('refuses unknown types and scopes and a commandTemplate that is not base64 (400), another org (404)', async () => {
    const { reg } = await hooked();
    const badType = await reg({ scope: 'NODE', type: 'REBOOT', commandTemplate: cmd });
    expect(badType.status).toBe(400);
    expect(badType.json.message).toContain('type must be one of INIT');
    expect((await reg({ scope: 'POD', type: 'INIT', commandTemplate: cmd })).status).toBe(400);
    const notB64 = await reg({ scope: 'NODE', type: 'ADD', commandTemplate: 'echo hi' });
    expect(notB64.status).toBe(400);
    expect(notB64.json.message).toContain('base64');
    expect((await reg({ scope: 'NODE', type: 'ADD', commandTemplate: cmd }, other.token)).status).toBe(404);
  });
});

describe('ListActionHooks', () => {
  it('lists the hooks in (scope, type) order, the replaced one with its new command', async () => {
    const { params } = await hooked();
    const list = await invoke(listHooks, { params, token: root.token });
    expect(list.status).toBe(200);
    expect(list.json.hooks).toEqual([
      { scope: 'CLUSTER', type: 'HEALTH_CHECK', commandTemplate: cmd, customImage: 'busybox', customCommand: ['/bin/sh', '-c'] },
      { scope: 'NODE', type: 'INIT', commandTemplate: again },
    ]);
  });

  it('is invisible to another org', async () => {
    const { params } = await hooked();
    expect((await invoke(listHooks, { params, token: other.token })).status).toBe(404);
  });
});

describe('DeregisterActionHook', () => {
  it('removes the hook of a (scope, type); a second time is 404', async () => {
    const { params } = await hooked();
    const dereg = await invoke(deregisterHook, { params, body: { scope: 'NODE', type: 'INIT' }, token: root.token });
    expect(dereg.status).toBe(200);
    const absent = await invoke(deregisterHook, { params, body: { scope: 'NODE', type: 'INIT' }, token: root.token });
    expect(absent.status).toBe(404);
    expect(absent.json.message).toBe('action hook not found');
    const left = await invoke(listHooks, { params, token: root.token });
    expect(left.json.hooks.map((h: { scope: string; type: string }) => `${h.scope}/${h.type}`)).toEqual(['CLUSTER/HEALTH_CHECK']);
  });
});
