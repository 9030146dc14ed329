import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession(), testSession()]);
});

describe('deployment configs over HTTP', () => {
  it('every org has a default one, reachable as `default`, created once even under concurrent first calls', async () => {
    const fresh = await testSession();
    const [a, b, list] = await Promise.all([
      http('GET', `${API}/deployment-config/default`, { token: fresh.token }),
      http('GET', `${API}/deployment-config/default`, { token: fresh.token }),
      http('GET', `${API}/deployment-config`, { token: fresh.token }),
    ]);
    expect([a.status, b.status, list.status]).toEqual([200, 200, 200]);
    expect(contractProblems('DescribeDeploymentConfig', 200, a.json)).toEqual([]);
    expect(contractProblems('ListDeploymentConfigs', 200, list.json)).toEqual([]);
    expect(a.json.id).toMatch(/^dc-/);
    expect(b.json.id).toBe(a.json.id);
    expect(list.json.ids).toEqual([a.json.id]);
    const byId = await http('GET', `${API}/deployment-config/${a.json.id}`, { token: fresh.token });
    expect(byId.json).toEqual(a.json);
  });

  it('create, describe, update, list and delete', async () => {
    const created = await http('POST', `${API}/deployment-config`, {
      token: owner.token,
      body: { name: 'Careful rollout', description: 'one at a time', rolloutPriorityList: ['us-east-1'], infraRollConfiguration: { maximumUnavailableReplicas: 2 } },
    });
    expect(created.status).toBe(200);
    expect(contractProblems('CreateDeploymentConfig', 200, created.json)).toEqual([]);
    const id = created.json as string;
    const described = await http('GET', `${API}/deployment-config/${id}`, { token: owner.token });
    expect(contractProblems('DescribeDeploymentConfig', 200, described.json)).toEqual([]);
    expect(described.json).toEqual({
      id,
      name: 'Careful rollout',
      description: 'one at a time',
      rolloutPriorityList: ['us-east-1'],
      infraRollConfiguration: { infraRolloutStrategy: '', maximumNumberOfResourceInstancesPerBatch: 1, maximumUnavailableReplicas: 2 },
    });
    const dup = await http('POST', `${API}/deployment-config`, { token: owner.token, body: { name: 'careful ROLLOUT', description: '' } });
    expect(dup.status).toBe(409);
    const update = await http('PATCH', `${API}/deployment-config/${id}`, {
      token: owner.token,
      body: { name: 'Renamed', infraRollConfiguration: { infraRolloutStrategy: 'rolling' } },
    });
    expect(update.status).toBe(200);
    const after = await http('GET', `${API}/deployment-config/${id}`, { token: owner.token });
    expect(after.json).toMatchObject({
      name: 'Renamed',
      infraRollConfiguration: { infraRolloutStrategy: 'rolling', maximumUnavailableReplicas: 2 },
    });
    const list = await http('GET', `${API}/deployment-config`, { token: owner.token });
    expect(list.json.ids).toContain(id);
    expect(list.json.ids).toHaveLength(2);
    const del = await http('DELETE', `${API}/deployment-config/${id}`, { token: owner.token });
    expect(del.status).toBe(200);
    expect((await http('GET', `${API}/deployment-config/${id}`, { token: owner.token })).status).toBe(404);
  });

  it('refuses to delete the default (409) and hides configs from other orgs (404)', async () => {
    const del = await http('DELETE', `${API}/deployment-config/default`, { token: owner.token });
    expect(del.status).toBe(409);
    expect(del.json.message).toContain('default');
    const def = await http('GET', `${API}/deployment-config/default`, { token: owner.token });
    expect((await http('DELETE', `${API}/deployment-config/${def.json.id}`, { token: owner.token })).status).toBe(409);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await http(method, `${API}/deployment-config/${def.json.id}`, { token: stranger.token, body: method === 'PATCH' ? { name: 'x' } : undefined });
      expect(res.status, method).toBe(404);
      expect(res.json.message).toContain('deployment config not found');
    }
  });

  it('refuses a config in use by an environment (409) until the environment moves', async () => {
    const dc = (await http('POST', `${API}/deployment-config`, { token: owner.token, body: { name: 'In use', description: '' } })).json as string;
    const svc = (await http('POST', `${API}/service`, { token: owner.token, body: { name: 'DC user', description: '' } })).json;
    const env = await http('POST', `${API}/service/${svc}/environment`, {
      token: owner.token,
      body: { name: 'Dev', description: '', type: 'dev', deploymentConfigId: dc },
    });
    expect(env.status).toBe(200);
    const refused = await http('DELETE', `${API}/deployment-config/${dc}`, { token: owner.token });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('used by 1 environment');
    const moved = await http('PATCH', `${API}/service/${svc}/environment/${env.json}`, {
      token: owner.token,
      body: { deploymentConfigId: 'default' },
    });
    expect(moved.status).toBe(200);
    expect((await http('DELETE', `${API}/deployment-config/${dc}`, { token: owner.token })).status).toBe(200);
  });

  it('rejects bad input with 400', async () => {
    const res = await http('POST', `${API}/deployment-config`, {
      token: owner.token,
      body: { name: 'Bad', infraRollConfiguration: { maximumUnavailableReplicas: 0 } },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('maximumUnavailableReplicas');
  });
});
