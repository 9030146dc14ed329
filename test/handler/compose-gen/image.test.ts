/**
 * The compose-gen operations against a fake registry on 127.0.0.1 (test/handler/compose-gen/fake-registry.ts):
 * token challenges, wrong credentials, unknown tags, a registry that never answers, image indexes and the
 * compose spec built from a config blob.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operation as check } from '#functions/compose-gen/check-if-container-image-accessible.ts';
import { operation as generate } from '#functions/compose-gen/generate-compose-spec-from-container-image.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { contractProblems } from '../../support/contract.ts';
import { APP_CONFIG, fakeRegistry, hanging, PASSWORD, USER, type FakeRegistry } from './fake-registry.ts';

let s: TestSession;
let reg: FakeRegistry;
let stuck: { host: string; close(): Promise<void> };

beforeAll(async () => {
  s = await testSession('reader', 'Compose Gen Org');
  reg = await fakeRegistry();
  stuck = await hanging();
});
afterAll(async () => {
  await reg.close();
  await stuck.close();
});
const savedTimeout = process.env.REGISTRY_TIMEOUT_MS;
afterEach(() => {
  if (savedTimeout === undefined) delete process.env.REGISTRY_TIMEOUT_MS;
  else process.env.REGISTRY_TIMEOUT_MS = savedTimeout;
});

const checkImage = (query: Record<string, string>) => invoke(check, { token: s.token, query });
const ok = (res: { status: number; body: string; json: unknown }, op: string) => {
  expect(res.status, res.body).toBe(200);
  expect(contractProblems(op, 200, res.json)).toEqual([]);
  return res.json as any;
};

describe('CheckIfContainerImageAccessible', () => {
  it('answers true for a private image with the right credentials, through the bearer token flow', async () => {
    const before = reg.requests.length;
    const json = ok(await checkImage({ imageRegistry: reg.host, image: 'team/app:v1', username: USER, password: PASSWORD }), 'CheckIfContainerImageAccessible');
    expect(json).toEqual({ imageAccessible: true });
    const seen = reg.requests.slice(before);
    expect(seen.map((r) => r.url.split('?')[0])).toEqual(['/v2/team/app/manifests/v1', '/token', '/v2/team/app/manifests/v1']);
    expect(new URL(seen[1].url, 'http://x').searchParams.get('scope')).toBe('repository:team/app:pull');
    expect(seen[0].headers.accept).toContain('application/vnd.oci.image.index.v1+json');
    expect(seen[2].headers.authorization).toMatch(/^Bearer /);
  });

  it('answers true for a public image without credentials (anonymous token) and for a Basic-auth registry', async () => {
    expect(ok(await checkImage({ imageRegistry: reg.host, image: 'tools/redis' }), 'CheckIfContainerImageAccessible')).toEqual({ imageAccessible: true });
    expect(ok(await checkImage({ imageRegistry: reg.host, image: 'basic/app:v1', username: USER, password: PASSWORD }), 'CheckIfContainerImageAccessible')).toEqual({
      imageAccessible: true,
    });
  });

  it('answers false with "cannot read image" for a wrong password, no credentials, or a Basic registry without them', async () => {
    for (const query of [
      { imageRegistry: reg.host, image: 'team/app:v1', username: USER, password: 'wrong' },
      { imageRegistry: reg.host, image: 'team/app:v1' },
      { imageRegistry: reg.host, image: 'basic/app:v1' },
    ] as Record<string, string>[]) {
      const json = ok(await checkImage(query), 'CheckIfContainerImageAccessible');
      expect(json.imageAccessible, JSON.stringify(query)).toBe(false);
      expect(json.errorMsg).toContain('cannot read image');
    }
  });

  it('answers false for an unknown tag, and names the image', async () => {
    const json = ok(await checkImage({ imageRegistry: reg.host, image: 'team/app:nope', username: USER, password: PASSWORD }), 'CheckIfContainerImageAccessible');
    expect(json).toEqual({ imageAccessible: false, errorMsg: expect.stringContaining(`${reg.host}/team/app:nope`) });
    expect(json.errorMsg).toMatch(/does not exist/);
  });

  it('answers false with a message, not a 5xx, when the registry never answers or cannot be reached', async () => {
    process.env.REGISTRY_TIMEOUT_MS = '300';
    const started = Date.now();
    const json = ok(await checkImage({ imageRegistry: stuck.host, image: 'team/app:v1' }), 'CheckIfContainerImageAccessible');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(json).toEqual({ imageAccessible: false, errorMsg: expect.stringMatching(/did not answer within 0\.3 s/) });
    const closed = ok(await checkImage({ imageRegistry: '127.0.0.1:1', image: 'x' }), 'CheckIfContainerImageAccessible');
    expect(closed).toEqual({ imageAccessible: false, errorMsg: expect.stringMatching(/cannot reach registry 127\.0\.0\.1:1/) });
  });

  it('answers 400 for bad input and 401 without a token', async () => {
    for (const query of [
      { imageRegistry: reg.host },
      { imageRegistry: reg.host, image: '' },
      { imageRegistry: reg.host, image: 'Upper/Case' },
      { imageRegistry: 'not a host', image: 'app' },
      { imageRegistry: reg.host, image: 'a'.repeat(600) },
      { imageRegistry: reg.host, image: 'app', password: 'p'.repeat(9000) },
    ]) {
      const res = await checkImage(query as Record<string, string>);
      expect(res.status, JSON.stringify(query).slice(0, 80)).toBe(400);
    }
    expect((await invoke(check, { query: { imageRegistry: reg.host, image: 'app' } })).status).toBe(401);
  });
});

const generateSpec = (body: unknown) => invoke(generate, { token: s.token, body });
const specOf = (json: { fileContent: string }) => parse(Buffer.from(json.fileContent, 'base64').toString('utf8'));

describe('GenerateComposeSpecFromContainerImage', () => {
  it('answers a base64 compose spec with the ports and env of the config blob, the variables as API params, and a plan', async () => {
    const json = ok(
      await generateSpec({
        imageRegistry: reg.host,
        image: 'team/app:v1',
        username: USER,
        password: PASSWORD,
        environmentVariables: [{ key: 'APP_SECRET_TOKEN', value: 'abc' }],
        extra: 'ignored',
      }),
      'GenerateComposeSpecFromContainerImage',
    );
    const spec = specOf(json);
    expect(spec['x-omnistrate-service-plan']).toMatchObject({ name: expect.any(String), tenancyType: 'OMNISTRATE_DEDICATED_TENANCY' });
    expect(Object.keys(spec.services)).toEqual(['app']);
    expect(spec.services.app).toMatchObject({
      image: `${reg.host}/team/app:v1`,
      ports: ['8080:8080', '9090:9090/udp'],
      environment: { APP_MODE: 'production', APP_HOME: '/srv/app', APP_SECRET_TOKEN: '$var.appSecretToken' },
      'x-omnistrate-api-params': [expect.objectContaining({ key: 'appSecretToken', type: 'Password', defaultValue: 'abc' })],
    });
    expect(spec.services.app.environment.PATH).toBeUndefined();
    expect(APP_CONFIG.config.Env).toContain('APP_MODE=production');
    expect(spec['x-omnistrate-image-registry-attributes']).toEqual({ [reg.host]: { auth: { username: USER, password: PASSWORD } } });
  });

  it('follows an image index to its linux/amd64 image', async () => {
    const json = ok(await generateSpec({ imageRegistry: reg.host, image: 'team/app:multi', username: USER, password: PASSWORD }), 'GenerateComposeSpecFromContainerImage');
    expect(specOf(json).services.app.ports).toEqual(['8080:8080', '9090:9090/udp']);
  });

  it('names official images by their last segment and leaves out what the image does not declare', async () => {
    const spec = specOf(ok(await generateSpec({ imageRegistry: reg.host, image: 'tools/redis' }), 'GenerateComposeSpecFromContainerImage'));
    expect(spec.services).toEqual({ redis: { image: `${reg.host}/tools/redis:latest`, ports: ['6379:6379'] } });
  });

  it('answers 400 "cannot read image" on refused credentials or a silent registry, 404 for an unknown tag', async () => {
    const wrong = await generateSpec({ imageRegistry: reg.host, image: 'team/app:v1', username: USER, password: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.message).toContain('cannot read image');
    const missing = await generateSpec({ imageRegistry: reg.host, image: 'team/app:nope', username: USER, password: PASSWORD });
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain('not found');
    process.env.REGISTRY_TIMEOUT_MS = '300';
    const silent = await generateSpec({ imageRegistry: stuck.host, image: 'team/app:v1' });
    expect(silent.status).toBe(400);
    expect(silent.json.message).toMatch(/did not answer/);
  });

  it('answers 400 for bad input', async () => {
    for (const body of [
      {},
      { imageRegistry: reg.host },
      { image: 'app' },
      { imageRegistry: reg.host, image: 'app', environmentVariables: [{ key: 'A=B', value: '' }] },
      { imageRegistry: reg.host, image: 'app', environmentVariables: [{ key: 'A' }] },
      { imageRegistry: reg.host, image: 'app', environmentVariables: Array.from({ length: 201 }, (_, i) => ({ key: `K${i}`, value: '' })) },
    ]) {
      const res = await generateSpec(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });
});
