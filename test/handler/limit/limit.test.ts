/** ListLimit, DescribeLimit, UpdateLimit, DeleteLimit, and the services-per-org limit enforced by CreateService. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listLimit } from '#functions/limit/list-limit.ts';
import { operation as describeLimit } from '#functions/limit/describe-limit.ts';
import { operation as updateLimit } from '#functions/limit/update-limit.ts';
import { operation as deleteLimit } from '#functions/limit/delete-limit.ts';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as deleteService } from '#functions/service/delete-service.ts';
import { commit, getItem, queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { orgUsageCounter } from '#shared/data/entities/limit.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testMember, testSession, type TestSession } from '../../support/session.ts';

const SERVICES = { family: 'ORG', key: 'MAX_SERVICES_PER_ORG' };

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  [root, other] = await Promise.all([testSession('root'), testSession('root', 'Other Org')]);
});

const describeOf = (s: TestSession, params = SERVICES) => invoke(describeLimit, { token: s.token, params });
const update = (s: TestSession, body: Record<string, unknown>, params = SERVICES) => invoke(updateLimit, { token: s.token, params, body });
const newService = (s: TestSession, name = `Svc ${Math.random().toString(36).slice(2, 8)}`) => invoke(createService, { token: s.token, body: { name, description: '' } });

describe('ListLimit', () => {
  it("lists a family's keys (query or body), every family's when none is named; valid against the reference", async () => {
    const byQuery = await invoke(listLimit, { token: root.token, query: { family: 'org' } });
    expect(byQuery.status, byQuery.body).toBe(200);
    expect(contractProblems('ListLimit', 200, byQuery.json)).toEqual([]);
    expect(byQuery.json.keys).toEqual(['MAX_SERVICES_PER_ORG', 'MAX_USERS_PER_ORG']);
    expect((await invoke(listLimit, { token: root.token, body: { family: 'SERVICE' } })).json.keys).toContain('MAX_ENVIRONMENTS_PER_SERVICE');
    expect((await invoke(listLimit, { token: root.token })).json.keys).toContain('ORG/MAX_SERVICES_PER_ORG');
  });

  it('is 404 for an unknown family, 400 for a malformed one, 403 for a customer token', async () => {
    expect((await invoke(listLimit, { token: root.token, query: { family: 'COMPUTE_INFRA' } })).status).toBe(404);
    expect((await invoke(listLimit, { token: root.token, query: { family: 'a/b' } })).status).toBe(400);
    expect((await invoke(listLimit, { token: root.token, body: { family: 42 } })).status).toBe(400);
    const customer = await testCustomerSession(root);
    expect((await invoke(listLimit, { token: customer.token })).status).toBe(403);
  });
});

describe('DescribeLimit', () => {
  it('answers the documented default until the org sets its own, in any case; valid against the reference', async () => {
    const s = await testSession('root');
    const res = await describeOf(s, { family: 'org', key: 'max_services_per_org' });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribeLimit', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({ family: 'ORG', key: 'MAX_SERVICES_PER_ORG', value: 100, modifiable: true });
    expect((await describeOf(s, { family: 'SERVICE', key: 'MAX_ENVIRONMENTS_PER_SERVICE' })).json).toMatchObject({ value: 50, modifiable: false });
  });

  it("is 404 for an unknown key; one org's value never shows in another's", async () => {
    expect((await describeOf(root, { family: 'ORG', key: 'MAX_VIRTUAL_CORES_PER_RESOURCE' })).status).toBe(404);
    const a = await testSession('root');
    expect((await update(a, { value: 7, name: 'Seven' })).status).toBe(200);
    expect((await describeOf(a)).json).toMatchObject({ value: 7, name: 'Seven' });
    expect((await describeOf(other)).json.value).toBe(100);
  });
});

describe('UpdateLimit', () => {
  it('sets the value in force, and CreateService past it is 409 (exactly the limit under concurrent creates)', async () => {
    const s = await testSession('root');
    expect((await newService(s)).status).toBe(200);
    expect((await update(s, { value: 3 })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 6 }, () => newService(s)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(refused[0].json.message).toContain('limit of 3 services');
    expect(await getItem(keys.org(s.orgId))).toMatchObject({ serviceCount: 3 });
    // A delete frees a place.
    const page = await queryAll<{ serviceId: string }>(keys.servicesOfOrg(s.orgId));
    expect((await invoke(deleteService, { token: s.token, params: { id: page[0].serviceId } })).status).toBe(200);
    expect((await newService(s)).status).toBe(200);
  });

  it('refuses a value below current usage (409), a fixed limit or one past its ceiling (400), non-admins and customers (403)', async () => {
    const s = await testSession('root');
    await newService(s);
    await newService(s);
    const below = await update(s, { value: 1 });
    expect(below.status).toBe(409);
    expect(below.json.message).toContain('already uses 2');
    expect((await update(s, { value: 2 })).status).toBe(200);
    expect((await update(s, { value: 5000 })).status).toBe(400);
    expect((await update(s, { value: 10 }, { family: 'SERVICE', key: 'MAX_ENVIRONMENTS_PER_SERVICE' })).status).toBe(400);
    expect((await update(s, {})).status).toBe(400);
    expect((await update(s, { value: 'ten' })).status).toBe(400);
    expect((await update(s, { value: 3 }, { family: 'ORG', key: 'NOPE' })).status).toBe(404);
    const editor = await testMember(s, 'editor');
    expect((await update(editor, { value: 9 })).status).toBe(403);
    const customer = await testCustomerSession(s);
    expect((await update(customer, { value: 9 })).status).toBe(403);
    expect((await describeOf(s)).json.value).toBe(2);
  });
});

describe('DeleteLimit', () => {
  it('restores the default; a limit never changed is a no-op; another org is untouched', async () => {
    const s = await testSession('root');
    expect((await update(s, { value: 4 })).status).toBe(200);
    expect((await update(other, { value: 6 })).status).toBe(200);
    expect((await invoke(deleteLimit, { token: s.token, params: SERVICES })).status).toBe(200);
    expect((await describeOf(s)).json.value).toBe(100);
    expect((await describeOf(other)).json.value).toBe(6);
    expect((await invoke(deleteLimit, { token: s.token, params: SERVICES })).status).toBe(200);
    expect(await getItem(keys.limitOverride(s.orgId, 'ORG', 'MAX_SERVICES_PER_ORG'))).toBeUndefined();
  });

  it('refuses (409) while the org uses more than the default; 404 unknown, 400 malformed, 403 readers', async () => {
    const s = await testSession('root');
    expect((await update(s, { value: 300 })).status).toBe(200);
    await commit({ counters: [orgUsageCounter(s.orgId, 'serviceCount', 150)] });
    const res = await invoke(deleteLimit, { token: s.token, params: SERVICES });
    expect(res.status).toBe(409);
    expect((await describeOf(s)).json.value).toBe(300);
    expect((await invoke(deleteLimit, { token: s.token, params: { family: 'ORG', key: 'NOPE' } })).status).toBe(404);
    expect((await invoke(deleteLimit, { token: s.token, params: { family: 'O R G', key: 'X' } })).status).toBe(400);
    const reader = await testMember(s, 'reader');
    expect((await invoke(deleteLimit, { token: reader.token, params: SERVICES })).status).toBe(403);
  });
});
