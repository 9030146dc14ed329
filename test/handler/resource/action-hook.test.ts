/** RegisterActionHook, ListActionHooks, DeregisterActionHook. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as registerHook } from '#functions/resource/register-action-hook.ts';
import { operation as listHooks } from '#functions/resource/list-action-hooks.ts';
import { operation as deregisterHook } from '#functions/resource/deregister-action-hook.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { addTier, create, createOk, describeIt, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  ({ root, other, reader } = await resourceSessions());
});

describe('RegisterActionHook', () => {
  it('registers one hook per (scope, type), replaces on re-register, lists, and deregisters', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db' });
    const params = { serviceId: tier.serviceId, id };
    const cmd = Buffer.from('echo init').toString('base64');
    const reg = (body: unknown, token = root.token) => invoke(registerHook, { params, body, token });
    expect((await reg({ scope: 'node', type: 'init', commandTemplate: cmd })).status).toBe(200);
    expect((await reg({ scope: 'CLUSTER', type: 'HEALTH_CHECK', commandTemplate: cmd, customImage: 'busybox', customCommand: ['/bin/sh', '-c'] })).status).toBe(200);
    const again = Buffer.from('echo again').toString('base64');
    expect((await reg({ scope: 'NODE', type: 'INIT', commandTemplate: again })).status).toBe(200);
    const list = await invoke(listHooks, { params, token: root.token });
    expect(list.status).toBe(200);
    expect(list.json.hooks).toEqual([
      { scope: 'CLUSTER', type: 'HEALTH_CHECK', commandTemplate: cmd, customImage: 'busybox', customCommand: ['/bin/sh', '-c'] },
      { scope: 'NODE', type: 'INIT', commandTemplate: again },
    ]);
    expect((await describeIt(tier, id)).json.actionHooks).toHaveLength(2);

    const badType = await reg({ scope: 'NODE', type: 'REBOOT', commandTemplate: cmd });
    expect(badType.status).toBe(400);
    expect(badType.json.message).toContain('type must be one of INIT');
    expect((await reg({ scope: 'POD', type: 'INIT', commandTemplate: cmd })).status).toBe(400);
    const notB64 = await reg({ scope: 'NODE', type: 'ADD', commandTemplate: 'echo hi' });
    expect(notB64.status).toBe(400);
    expect(notB64.json.message).toContain('base64');

    const dereg = await invoke(deregisterHook, { params, body: { scope: 'NODE', type: 'INIT' }, token: root.token });
    expect(dereg.status).toBe(200);
    const absent = await invoke(deregisterHook, { params, body: { scope: 'NODE', type: 'INIT' }, token: root.token });
    expect(absent.status).toBe(404);
    expect(absent.json.message).toBe('action hook not found');
    expect((await invoke(listHooks, { params, token: other.token })).status).toBe(404);
    expect((await reg({ scope: 'NODE', type: 'ADD', commandTemplate: cmd }, other.token)).status).toBe(404);
  });
});
