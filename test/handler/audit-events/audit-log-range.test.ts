/**
 * ListAllAuditEvents over time: records in past months (appended the way mutations append them, at a given
 * time) read newest first across a month boundary, a startDate/endDate window that leaves out the months
 * around it, and pages that follow the signed cursor from month to month without loss or repeat.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';
import { listEvents, recordAt } from './fixtures.ts';

let p: TestSession;
/** Times of the records, newest first: two months back, across the boundary of the month before last. */
let times: string[];
let boundary: Date;
beforeAll(async () => {
  p = await testSession('root', 'Range Org');
  const now = new Date();
  boundary = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const at = (minutes: number) => new Date(boundary.getTime() + minutes * 60_000);
  // Three months: the one before the boundary's (outside the window below), both sides of the boundary.
  const dates = [at(-40 * 24 * 60), at(-90), at(-30), at(-1), at(1), at(20), at(60 * 24 * 3)];
  await Promise.all(dates.map((d, i) => recordAt({ providerOrgId: p.orgId, eventSource: i % 2 ? 'Provider' : 'System' }, d)));
  times = dates.map((d) => d.toISOString()).reverse();
}, 60_000);

describe('ListAllAuditEvents', () => {
  it('reads newest first across months', async () => {
    const res = await listEvents(p.token);
    expect(res.status, res.body).toBe(200);
    expect(res.json.events.map((e: { time: string }) => e.time)).toEqual(times);
    expect(res.json.nextPageToken).toBeUndefined();
  });

  it('keeps to a startDate/endDate window across a month boundary, bounds inclusive', async () => {
    const start = new Date(boundary.getTime() - 30 * 60_000).toISOString();
    const end = new Date(boundary.getTime() + 20 * 60_000).toISOString();
    const res = await listEvents(p.token, { startDate: start, endDate: end });
    expect(res.status, res.body).toBe(200);
    expect(res.json.events.map((e: { time: string }) => e.time)).toEqual(times.filter((t) => t >= start && t <= end));
    expect(res.json.events).toHaveLength(4);
    // Only the window's older side.
    const before = await listEvents(p.token, { endDate: new Date(boundary.getTime() - 1).toISOString() });
    expect(before.json.events.map((e: { time: string }) => e.time)).toEqual(times.filter((t) => t < boundary.toISOString()));
  });

  it('pages by pageSize through every month, each event once, the last page without a token', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await listEvents(p.token, { pageSize: '2', ...(token ? { nextPageToken: token } : {}) });
      expect(res.status, res.body).toBe(200);
      expect(res.json.events.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.events.map((e: { time: string }) => e.time));
      token = res.json.nextPageToken;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(times);
    expect(pages).toBeLessThanOrEqual(5);
  });

  it('pages a filtered window the same way', async () => {
    const startDate = new Date(boundary.getTime() - 90 * 60_000).toISOString();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await listEvents(p.token, { startDate, eventSourceTypes: 'System', pageSize: '1', ...(token ? { nextPageToken: token } : {}) });
      expect(res.status, res.body).toBe(200);
      seen.push(...res.json.events.map((e: { time: string; eventSource: string }) => e.time));
      token = res.json.nextPageToken;
    } while (token);
    const all = (await listEvents(p.token)).json.events as { time: string; eventSource: string }[];
    expect(seen).toEqual(all.filter((e) => e.eventSource === 'System' && e.time >= startDate).map((e) => e.time));
  });

  it("shows the provider's records to no customer that they do not concern", async () => {
    const c = await testCustomerSession(p, 'PROD');
    expect((await listEvents(c.token)).json.events).toEqual([]);
  });
});
