/** DescribePlan, ChangePlan: the provider org's own plan. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as describePlan } from '#functions/plan/describe-plan.ts';
import { operation as changePlan } from '#functions/plan/change-plan.ts';
import { queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testCustomerSession, testMember, testSession, type TestSession } from '../../support/session.ts';
import { projectAuditEvents } from '../../support/audit.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  [root, other] = await Promise.all([testSession('root'), testSession('root', 'Other Org')]);
});

describe('DescribePlan', () => {
  it('answers the default plan of a new org, honest about payment; valid against the reference', async () => {
    const res = await invoke(describePlan, { token: root.token });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('DescribePlan', 200, res.json)).toEqual([]);
    expect(res.json).toMatchObject({ planName: 'STARTER', paymentConfigured: false });
    expect(res.json.paymentInfoPortalURL).toBeUndefined();
    expect(res.json.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses customer tokens (403)', async () => {
    const customer = await testCustomerSession(root);
    expect((await invoke(describePlan, { token: customer.token })).status).toBe(403);
  });
});

describe('ChangePlan', () => {
  it("changes the org's plan (any case), records it for the audit log, and leaves other orgs alone", async () => {
    const s = await testSession('root');
    expect((await invoke(changePlan, { token: s.token, body: { planName: 'growth' } })).status).toBe(200);
    expect((await invoke(describePlan, { token: s.token })).json.planName).toBe('GROWTH');
    expect((await invoke(describePlan, { token: other.token })).json.planName).toBe('STARTER');
    const month = new Date().toISOString().slice(0, 7);
    await projectAuditEvents();
    const events = await queryAll<{ eventType: string }>(keys.auditEventsOfMonth(s.orgId, month));
    expect(events.map((e) => e.eventType)).toEqual(['PlanChanged']);
    // The same plan again changes nothing.
    expect((await invoke(changePlan, { token: s.token, body: { planName: 'GROWTH' } })).status).toBe(200);
    await projectAuditEvents();
    expect(await queryAll(keys.auditEventsOfMonth(s.orgId, month))).toHaveLength(1);
  });

  it('refuses unknown or missing plans (400), non-admins and customers (403)', async () => {
    expect((await invoke(changePlan, { token: root.token, body: { planName: 'PLATINUM' } })).status).toBe(400);
    expect((await invoke(changePlan, { token: root.token, body: {} })).status).toBe(400);
    const editor = await testMember(root, 'editor');
    expect((await invoke(changePlan, { token: editor.token, body: { planName: 'GROWTH' } })).status).toBe(403);
    const customer = await testCustomerSession(root);
    expect((await invoke(changePlan, { token: customer.token, body: { planName: 'GROWTH' } })).status).toBe(403);
    expect((await invoke(describePlan, { token: root.token })).json.planName).toBe('STARTER');
  });
});
