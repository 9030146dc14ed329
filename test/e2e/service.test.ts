import { beforeAll, describe, expect, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { testSession, type TestSession } from '../support/session.ts';

let owner: TestSession;
let stranger: TestSession;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([testSession('root', 'Acme Data'), testSession('root', 'Other Org')]);
});

const create = (token: string, body: unknown) => http('POST', `${API}/service`, { token, body });

describe('services over HTTP', () => {
  it('create, describe, list, update and delete a service within the contract', async () => {
    const created = await create(owner.token, { name: 'MySQL Cloud', description: 'Managed MySQL' });
    expect(created.status).toBe(200);
    expect(contractProblems('CreateService', 200, created.json)).toEqual([]);
    const id = created.json as string;
    expect(id).toMatch(/^s-[A-Za-z0-9]{10}$/);

    const described = await http('GET', `${API}/service/${id}`, { token: owner.token });
    expect(described.status).toBe(200);
    expect(contractProblems('DescribeService', 200, described.json)).toEqual([]);
    expect(described.json).toMatchObject({
      id,
      name: 'MySQL Cloud',
      key: 'mysql-cloud',
      description: 'Managed MySQL',
      serviceEnvironments: [],
      serviceProviderName: 'Acme Data',
    });
    expect(described.json.serviceProviderID).toMatch(/^sp-/);

    const listed = await http('GET', `${API}/service`, { token: owner.token });
    expect(listed.status).toBe(200);
    expect(contractProblems('ListService', 200, listed.json)).toEqual([]);
    expect(listed.json.ids).toContain(id);
    expect(listed.json.services.find((s: { id: string }) => s.id === id)).toEqual(described.json);

    const updated = await http('PATCH', `${API}/service/${id}`, {
      token: owner.token,
      body: { name: 'MySQL Cloud 2', description: 'changed', serviceLogoURL: 'https://example.com/logo.png' },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('content-length')).toBe('0');
    const after = await http('GET', `${API}/service/${id}`, { token: owner.token });
    expect(after.json).toMatchObject({
      name: 'MySQL Cloud 2',
      description: 'changed',
      key: 'mysql-cloud',
      serviceLogoURL: 'https://example.com/logo.png',
    });
    // The old name is free again after the rename; the old key is not (the renamed service keeps it).
    const reuse = await create(owner.token, { name: 'MySQL Cloud', description: '' });
    expect(reuse.status).toBe(200);
    expect((await http('GET', `${API}/service/${reuse.json}`, { token: owner.token })).json.key).toBe('mysql-cloud-2');

    const health = await http('GET', `${API}/service/${id}/health`, { token: owner.token });
    expect(health.status).toBe(200);
    expect(contractProblems('ServiceHealth', 200, health.json)).toEqual([]);
    expect(health.json).toEqual({ id, health: 'N/A', report: {} });

    const deleted = await http('DELETE', `${API}/service/${id}`, { token: owner.token });
    expect(deleted.status).toBe(200);
    const gone = await http('GET', `${API}/service/${id}`, { token: owner.token });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toContain('service not found');
    // Its name and key are released with it.
    const again = await create(owner.token, { name: 'MySQL Cloud 2', description: '' });
    expect(again.status).toBe(200);
    const third = await create(owner.token, { name: 'mysql cloud!', description: '' });
    expect((await http('GET', `${API}/service/${third.json}`, { token: owner.token })).json.key).toBe('mysql-cloud');
  });

  it('answers 409 for a taken name, also when two creates race', async () => {
    const first = await create(owner.token, { name: 'Postgres', description: '' });
    expect(first.status).toBe(200);
    const dup = await create(owner.token, { name: 'postgres', description: '' });
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ name: 'invalid_state' });
    expect(dup.json.message).toContain('already exists');

    const race = await Promise.all([
      create(owner.token, { name: 'Redis Race', description: '' }),
      create(owner.token, { name: 'Redis Race', description: '' }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('gives names that derive the same key distinct keys', async () => {
    const a = await create(owner.token, { name: 'Kafka Hub', description: '' });
    const b = await create(owner.token, { name: 'kafka-hub!', description: '' });
    expect([a.status, b.status]).toEqual([200, 200]);
    const keys = await Promise.all(
      [a.json, b.json].map(async (id) => (await http('GET', `${API}/service/${id}`, { token: owner.token })).json.key),
    );
    expect(keys).toEqual(['kafka-hub', 'kafka-hub-2']);
  });

  it("hides a service from another org (404 on every operation, absent from its list)", async () => {
    const id = (await create(owner.token, { name: 'Private Thing', description: '' })).json as string;
    for (const [method, path, body] of [
      ['GET', `/service/${id}`],
      ['PATCH', `/service/${id}`, { description: 'x' }],
      ['DELETE', `/service/${id}`],
      ['GET', `/service/${id}/health`],
    ] as const) {
      const res = await http(method, `${API}${path}`, { token: stranger.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.message).toContain('not found');
    }
    const list = await http('GET', `${API}/service`, { token: stranger.token });
    expect(list.json.ids).not.toContain(id);
    expect((await http('GET', `${API}/service/${id}`, { token: owner.token })).status).toBe(200);
  });

  it('rejects bad input with 400 naming the field', async () => {
    const noName = await create(owner.token, { description: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.json.message).toContain('body.name');
    const badLogo = await create(owner.token, { name: 'Logo', description: '', serviceLogoURL: 'not a url' });
    expect(badLogo.status).toBe(400);
    expect(badLogo.json.message).toContain('serviceLogoURL');
  });

  it('accepts an id echoed with its JSON quotes', async () => {
    const created = await create(owner.token, { name: 'Quoted', description: '' });
    const res = await http('GET', `${API}/service/${encodeURIComponent(JSON.stringify(created.json))}`, { token: owner.token });
    expect(res.status).toBe(200);
  });
});
