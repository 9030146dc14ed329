/**
 * Bad input never becomes a 500: bounded hook templates (and a linear base64 check), resources that grow past
 * the item limit over several calls answer 400 naming the field, and downloads of files named outside Latin-1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as registerHook } from '#functions/resource/register-action-hook.ts';
import { operation as enableCapability } from '#functions/resource/enable-resource-capability.ts';
import { operation as setEnv } from '#functions/resource/set-environment-variables.ts';
import { operation as addFile } from '#functions/resource/add-file.ts';
import { operation as getFile } from '#functions/resource/get-file.ts';
import { isBase64 } from '#shared/domain/resources.ts';
import { attachmentDisposition } from '#shared/http/file-transfer.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { createOk, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let tier: TierFixture;

beforeAll(async () => {
  ({ root } = await resourceSessions());
  tier = await serviceWithTier(root.orgId);
});

describe('RegisterActionHook', () => {
  it('refuses a 5 MiB commandTemplate with a 400 naming the field', async () => {
    const id = await createOk(tier, { name: 'Hooked' });
    const huge = Buffer.alloc(5 * 1024 * 1024 * 0.75, 'a').toString('base64');
    const res = await invoke(registerHook, { params: { serviceId: tier.serviceId, id }, body: { scope: 'NODE', type: 'INIT', commandTemplate: huge }, token: root.token });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('body.commandTemplate');
  });

  it('checks base64 in one pass, whatever the length', () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 7).toString('base64');
    expect(isBase64(big)).toBe(true);
    expect(isBase64(`${big.slice(0, -4)}ab=c`)).toBe(false);
    expect(isBase64('abc')).toBe(false);
    expect(isBase64('ab==')).toBe(true);
    expect(isBase64('echo hi')).toBe(false);
  });

  it('answers 400 naming actionHooks when hooks outgrow the item', async () => {
    const id = await createOk(tier, { name: 'Many hooks' });
    const cmd = Buffer.alloc(48 * 1024, 1).toString('base64');
    const types = ['INIT', 'ADD', 'REMOVE', 'PROMOTE', 'DEMOTE', 'HEALTH_CHECK', 'READINESS_CHECK', 'STARTUP_CHECK', 'PRE_START'];
    const statuses: number[] = [];
    let last: { status: number; json: any } | undefined;
    for (const type of types) {
      last = await invoke(registerHook, { params: { serviceId: tier.serviceId, id }, body: { scope: 'NODE', type, commandTemplate: cmd }, token: root.token });
      statuses.push(last.status);
      if (last.status !== 200) break;
    }
    expect(statuses.at(-1)).toBe(400);
    expect(last!.json.message).toMatch(/^resource would be \d+ KB, over the 390 KB an entity may hold; its largest field is actionHooks/);
  });
});

describe('EnableResourceCapability', () => {
  it('answers 400 naming capabilities when configurations outgrow the item', async () => {
    const id = await createOk(tier, { name: 'Many capabilities' });
    const configuration = { blob: 'c'.repeat(60 * 1024) };
    let last: { status: number; json: any } | undefined;
    for (let i = 0; i < 10; i++) {
      last = await invoke(enableCapability, { params: { serviceId: tier.serviceId, id }, body: { capability: `CAP_${i}`, configuration }, token: root.token });
      if (last.status !== 200) break;
    }
    expect(last!.status).toBe(400);
    expect(last!.json.message).toContain('its largest field is capabilities');
    const tooBig = await invoke(enableCapability, { params: { serviceId: tier.serviceId, id }, body: { capability: 'X', configuration: { blob: 'c'.repeat(70 * 1024) } }, token: root.token });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.message).toContain('body.configuration');
  });
});

describe('SetEnvironmentVariables', () => {
  it('answers 400 naming environmentVariables when variables outgrow the item over several calls', async () => {
    const id = await createOk(tier, { name: 'Many variables' });
    const value = 'v'.repeat(8000);
    const statuses: number[] = [];
    let last: { status: number; json: any } | undefined;
    for (let call = 0; call < 4; call++) {
      const vars = Array.from({ length: 15 }, (_, i) => ({ key: `K${call}_${i}`, value }));
      last = await invoke(setEnv, { params: { serviceId: tier.serviceId, id }, body: { environmentVariables: vars }, token: root.token });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[3]).toBe(400);
    expect(last!.json.message).toContain('its largest field is environmentVariables');
    const long = await invoke(setEnv, { params: { serviceId: tier.serviceId, id }, body: { environmentVariables: [{ key: 'L', value: 'v'.repeat(9000) }] }, token: root.token });
    expect(long.status).toBe(400);
    expect(long.json.message).toContain('body.environmentVariables.0.value');
  });
});

describe('GetFile', () => {
  it('downloads a file named outside Latin-1 with an RFC 6266 / 5987 Content-Disposition', async () => {
    const id = await createOk(tier, { name: 'Files' });
    const up = multipart('a=1');
    const name = '配置 "prod".conf';
    const added = await invoke(addFile, {
      params: { serviceId: tier.serviceId, id },
      rawBody: up.rawBody,
      headers: { ...up.headers, name, description: '', filetype: 'CONFIG', mountpath: '/etc/x.conf' },
      token: root.token,
    });
    expect(added.status, added.body).toBe(200);
    const got = await invoke(getFile, { params: { serviceId: tier.serviceId, id, fileId: added.json }, token: root.token });
    expect(got.status).toBe(200);
    const disposition = got.headers['content-disposition'];
    expect(disposition).toBe(`attachment; filename="__ _prod_.conf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect([...disposition].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(attachmentDisposition('plain.conf')).toBe(`attachment; filename="plain.conf"; filename*=UTF-8''plain.conf`);
  });
});
