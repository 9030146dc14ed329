import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession('root', 'Env Org'), testSession()]);
});

async function newService(name: string): Promise<string> {
  const res = await http('POST', `${API}/service`, { token: owner.token, body: { name, description: '' } });
  expect(res.status).toBe(200);
  return res.json;
}

function createEnv(serviceId: string, body: Record<string, unknown>, token = owner.token) {
  return http('POST', `${API}/service/${serviceId}/environment`, {
    token,
    body: { description: '', deploymentConfigId: 'default', ...body },
  });
}

describe('service environments over HTTP', () => {
  it('DEV and PROD (source DEV): create, describe, list, and the service describe shows both', async () => {
    const svc = await newService('Env Service');
    const defaultDc = (await http('GET', `${API}/deployment-config/default`, { token: owner.token })).json.id;
    const dev = await createEnv(svc, { name: 'Development', type: 'dev', serviceAuthPublicKey: PUBLIC_PEM });
    expect(dev.status).toBe(200);
    expect(contractProblems('CreateServiceEnvironment', 200, dev.json)).toEqual([]);
    expect(dev.json).toMatch(/^se-/);
    const prod = await createEnv(svc, {
      name: 'Production',
      type: 'Prod',
      visibility: 'public',
      deploymentConfigId: defaultDc,
      sourceEnvironmentId: dev.json,
      autoApproveSubscription: true,
    });
    expect(prod.status).toBe(200);

    const d = await http('GET', `${API}/service/${svc}/environment/${prod.json}`, { token: owner.token });
    expect(d.status).toBe(200);
    expect(contractProblems('DescribeServiceEnvironment', 200, d.json)).toEqual([]);
    expect(d.json).toMatchObject({
      id: prod.json,
      serviceId: svc,
      name: 'Production',
      key: 'production',
      type: 'PROD',
      visibility: 'PUBLIC',
      deploymentConfigId: defaultDc,
      sourceEnvironmentId: dev.json,
      autoApproveSubscription: true,
      serviceAuthPublicKey: '',
    });
    const devDescribed = await http('GET', `${API}/service/${svc}/environment/${dev.json}`, { token: owner.token });
    expect(devDescribed.json).toMatchObject({ type: 'DEV', visibility: 'PRIVATE', sourceEnvironmentId: '', key: 'development' });
    expect(devDescribed.json.serviceAuthPublicKey).toBe(PUBLIC_PEM.trim());

    const list = await http('GET', `${API}/service/${svc}/environment`, { token: owner.token });
    expect(list.status).toBe(200);
    expect(contractProblems('ListServiceEnvironment', 200, list.json)).toEqual([]);
    expect([...list.json.ids].sort()).toEqual([dev.json, prod.json].sort());

    const service = await http('GET', `${API}/service/${svc}`, { token: owner.token });
    expect(contractProblems('DescribeService', 200, service.json)).toEqual([]);
    expect(service.json.serviceEnvironments).toEqual([
      {
        id: dev.json,
        name: 'Development',
        type: 'DEV',
        visibility: 'PRIVATE',
        sourceEnvironmentID: '',
        sourceEnvironmentName: '',
        promoteStatus: 'UNKNOWN',
        saasPortalStatus: '',
        saasPortalUrl: '',
        servicePlans: [],
      },
      {
        id: prod.json,
        name: 'Production',
        type: 'PROD',
        visibility: 'PUBLIC',
        sourceEnvironmentID: dev.json,
        sourceEnvironmentName: 'Development',
        promoteStatus: 'UNKNOWN',
        saasPortalStatus: '',
        saasPortalUrl: '',
        servicePlans: [],
      },
    ]);
    const listed = await http('GET', `${API}/service`, { token: owner.token });
    expect(contractProblems('ListService', 200, listed.json)).toEqual([]);
    expect(listed.json.services.find((s: { id: string }) => s.id === svc).serviceEnvironments).toHaveLength(2);

    const health = await http('GET', `${API}/service/${svc}/health`, { token: owner.token });
    expect(contractProblems('ServiceHealth', 200, health.json)).toEqual([]);
    expect(health.json).toEqual({ id: svc, health: 'N/A', report: { [dev.json]: 'N/A', [prod.json]: 'N/A' } });
  });

  it('refuses a promotion cycle (409) and self-promotion (400)', async () => {
    const svc = await newService('Cycle Service');
    const a = (await createEnv(svc, { name: 'A', type: 'DEV' })).json;
    const b = (await createEnv(svc, { name: 'B', type: 'QA', sourceEnvironmentId: a })).json;
    const c = (await createEnv(svc, { name: 'C', type: 'PROD', sourceEnvironmentId: b })).json;
    const cycle = await http('PATCH', `${API}/service/${svc}/environment/${a}`, { token: owner.token, body: { sourceEnvironmentId: c } });
    expect(cycle.status).toBe(409);
    expect(cycle.json.message).toContain('cycle');
    const self = await http('PATCH', `${API}/service/${svc}/environment/${a}`, { token: owner.token, body: { sourceEnvironmentId: a } });
    expect(self.status).toBe(400);
    // Crossing re-points raced together: at most one can win.
    const x = (await createEnv(svc, { name: 'X', type: 'DEV' })).json;
    const y = (await createEnv(svc, { name: 'Y', type: 'DEV' })).json;
    const race = await Promise.all([
      http('PATCH', `${API}/service/${svc}/environment/${x}`, { token: owner.token, body: { sourceEnvironmentId: y } }),
      http('PATCH', `${API}/service/${svc}/environment/${y}`, { token: owner.token, body: { sourceEnvironmentId: x } }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    // Clearing the source with an empty string is allowed.
    const clear = await http('PATCH', `${API}/service/${svc}/environment/${c}`, { token: owner.token, body: { sourceEnvironmentId: '' } });
    expect(clear.status).toBe(200);
    expect((await http('GET', `${API}/service/${svc}/environment/${c}`, { token: owner.token })).json.sourceEnvironmentId).toBe('');
  });

  it('rejects a bad type, visibility, PEM key and missing fields with 400 naming the field', async () => {
    const svc = await newService('Validation Service');
    const badType = await createEnv(svc, { name: 'Weird', type: 'SANDBOX' });
    expect(badType.status).toBe(400);
    expect(badType.json.message).toContain('body.type');
    const badVisibility = await createEnv(svc, { name: 'Weird', visibility: 'secret' });
    expect(badVisibility.status).toBe(400);
    expect(badVisibility.json.message).toContain('body.visibility');
    const badPem = await createEnv(svc, { name: 'Weird', serviceAuthPublicKey: 'not a key' });
    expect(badPem.status).toBe(400);
    expect(badPem.json.message).toContain('serviceAuthPublicKey');
    const truncated = await createEnv(svc, { name: 'Weird', serviceAuthPublicKey: PUBLIC_PEM.slice(0, 80) });
    expect(truncated.status).toBe(400);
    const secret = await createEnv(svc, { name: 'Weird', serviceAuthPublicKey: PRIVATE_PEM });
    expect(secret.status).toBe(400);
    expect(secret.json.message).toContain('private key');
    const noDc = await http('POST', `${API}/service/${svc}/environment`, { token: owner.token, body: { name: 'Weird', description: '' } });
    expect(noDc.status).toBe(400);
    expect(noDc.json.message).toContain('body.deploymentConfigId');
    const missingDc = await createEnv(svc, { name: 'Weird', deploymentConfigId: 'dc-doesnotexist' });
    expect(missingDc.status).toBe(404);
    expect(missingDc.json.message).toContain('deployment config not found');
    // Nothing was created by the refused requests.
    expect((await http('GET', `${API}/service/${svc}/environment`, { token: owner.token })).json.ids).toEqual([]);
  });

  it('names are unique within a service (409, also under a race) but free across services', async () => {
    const svc = await newService('Names Service');
    expect((await createEnv(svc, { name: 'Staging', type: 'STAGING' })).status).toBe(200);
    const dup = await createEnv(svc, { name: 'staging', type: 'QA' });
    expect(dup.status).toBe(409);
    expect(dup.json.message).toContain('already exists');
    const race = await Promise.all([createEnv(svc, { name: 'Canary' }), createEnv(svc, { name: 'Canary' })]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const other = await newService('Names Service 2');
    expect((await createEnv(other, { name: 'Staging' })).status).toBe(200);
  });

  it("answers 404 for another org's service or an environment of another service", async () => {
    const svc = await newService('Tenancy Service');
    const env = (await createEnv(svc, { name: 'Dev' })).json;
    const otherSvc = await newService('Tenancy Service 2');
    expect((await http('GET', `${API}/service/${otherSvc}/environment/${env}`, { token: owner.token })).status).toBe(404);
    expect((await http('DELETE', `${API}/service/${otherSvc}/environment/${env}`, { token: owner.token })).status).toBe(404);
    const crossSource = await createEnv(otherSvc, { name: 'Prod', sourceEnvironmentId: env });
    expect(crossSource.status).toBe(404);
    for (const [method, path, body] of [
      ['GET', `/service/${svc}/environment/${env}`],
      ['GET', `/service/${svc}/environment`],
      ['PATCH', `/service/${svc}/environment/${env}`, { description: 'x' }],
      ['DELETE', `/service/${svc}/environment/${env}`],
      ['POST', `/service/${svc}/environment`, { name: 'Sneaky', description: '', deploymentConfigId: 'default' }],
    ] as const) {
      const res = await http(method, `${API}${path}`, { token: stranger.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.message).toContain('not found');
    }
    // Another org's deployment config is not usable either.
    const foreignDc = (await http('GET', `${API}/deployment-config/default`, { token: stranger.token })).json.id;
    expect((await createEnv(svc, { name: 'Foreign', deploymentConfigId: foreignDc })).status).toBe(404);
  });

  it('update changes fields but keeps type and key; renames move the name guard', async () => {
    const svc = await newService('Update Service');
    const env = (await createEnv(svc, { name: 'Dev', type: 'DEV' })).json;
    const res = await http('PATCH', `${API}/service/${svc}/environment/${env}`, {
      token: owner.token,
      body: { name: 'Development', description: 'changed', visibility: 'PUBLIC', serviceAuthPublicKey: PUBLIC_PEM, type: 'PROD' },
    });
    expect(res.status).toBe(200);
    const d = (await http('GET', `${API}/service/${svc}/environment/${env}`, { token: owner.token })).json;
    expect(d).toMatchObject({ name: 'Development', key: 'dev', description: 'changed', visibility: 'PUBLIC', type: 'DEV' });
    expect((await createEnv(svc, { name: 'Dev' })).status).toBe(200);
    expect((await createEnv(svc, { name: 'development' })).status).toBe(409);
    const badPem = await http('PATCH', `${API}/service/${svc}/environment/${env}`, { token: owner.token, body: { serviceAuthPublicKey: 'x' } });
    expect(badPem.status).toBe(400);
  });

  it('delete is refused while the environment is a promotion source, then removes it and its usage', async () => {
    const svc = await newService('Delete Env Service');
    const dc = (await http('POST', `${API}/deployment-config`, { token: owner.token, body: { name: 'Env delete dc', description: '' } })).json;
    const dev = (await createEnv(svc, { name: 'Dev', deploymentConfigId: dc })).json;
    const prod = (await createEnv(svc, { name: 'Prod', type: 'PROD', sourceEnvironmentId: dev })).json;
    const refused = await http('DELETE', `${API}/service/${svc}/environment/${dev}`, { token: owner.token });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('promotion source');
    expect((await http('DELETE', `${API}/service/${svc}/environment/${prod}`, { token: owner.token })).status).toBe(200);
    expect((await http('DELETE', `${API}/service/${svc}/environment/${dev}`, { token: owner.token })).status).toBe(200);
    expect((await http('GET', `${API}/service/${svc}/environment/${dev}`, { token: owner.token })).status).toBe(404);
    // Its name is free again and its deployment config is no longer in use.
    expect((await createEnv(svc, { name: 'Dev' })).status).toBe(200);
    expect((await http('DELETE', `${API}/deployment-config/${dc}`, { token: owner.token })).status).toBe(200);
  });

  it('deleting a service removes its environments and releases their deployment config usage', async () => {
    const svc = await newService('Cascade Service');
    const dc = (await http('POST', `${API}/deployment-config`, { token: owner.token, body: { name: 'Cascade dc', description: '' } })).json;
    const dev = (await createEnv(svc, { name: 'Dev', deploymentConfigId: dc })).json;
    await createEnv(svc, { name: 'Prod', type: 'PROD', sourceEnvironmentId: dev, deploymentConfigId: dc });
    expect((await http('DELETE', `${API}/deployment-config/${dc}`, { token: owner.token })).json.message).toContain(
      'used by 2 environment',
    );
    expect((await http('DELETE', `${API}/service/${svc}`, { token: owner.token })).status).toBe(200);
    expect((await http('GET', `${API}/service/${svc}/environment/${dev}`, { token: owner.token })).status).toBe(404);
    expect((await http('GET', `${API}/service/${svc}/environment`, { token: owner.token })).status).toBe(404);
    expect((await http('DELETE', `${API}/deployment-config/${dc}`, { token: owner.token })).status).toBe(200);
  });
});
