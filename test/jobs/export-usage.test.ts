/**
 * The export-usage job: a plan with `exportUsageMetering` gets one JSON Lines file per UTC day holding exactly
 * that day's usage records (parsed back and compared with the records), a plan without gets none, a rerun
 * writes the same bytes and moves nothing, a day not fully metered waits, and the job module runs it under the
 * meter-usage job's cursor. Instances are fed to the metering pipeline as stream changes (as the stream job
 * would see them) in the month before the metering test's and metered with the backfill; the job runs from its
 * module after the meter-usage job's cursor (this file's own) is put where each case needs it.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { handler, job } from '#functions/jobs/export-usage.ts';
import { jobs } from '#functions/jobs/index.ts';
import { blobs } from '#shared/blobs/index.ts';
import { putImmutable } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { usageOfSubscription, type MeteringCursorItem } from '#shared/data/entities/metering.ts';
import { getUsageExportCursor, usageExportBlobKey } from '#shared/data/entities/usage-export.ts';
import { backfillUsage, trackMeteredInstance } from '#shared/use-cases/metering/meter.ts';
import { exportUsageOfDay, reexportUsage } from '#shared/use-cases/metering/export.ts';
import { DIMENSIONS } from '#shared/domain/metering.ts';
import { daysToExport, MAX_EXPORT_DAYS_PER_RUN, USAGE_EXPORT_FORMAT } from '#shared/domain/usage-export.ts';
import { invoke } from '../support/invoke.ts';
import { serviceTree } from '../support/tree-fixtures.ts';
import { testSession, type TestSession } from '../support/session.ts';

// Every test file shares one table: this file's meter and export cursors are its own.
vi.mock(import('#shared/data/keys.ts'), async (orig) => {
  const m = await orig();
  return {
    ...m,
    keys: { ...m.keys, meteringCursor: () => ({ pk: 'METER#CURSOR#export-test', sk: '#CURSOR' }), usageExportCursor: () => ({ pk: 'USAGEEXPORT#CURSOR#export-test', sk: '#CURSOR' }) },
  };
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/**
 * The exported day: two days before the UTC month the metering test's hours (from 30 hours back) fall in, so
 * the backfill here never recomputes a sum that test writes (at most 35 days back: inside the backfill window).
 */
const monthOfMeteringTest = (() => {
  const t = new Date(Date.now() - 31 * HOUR);
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1);
})();
const D = monthOfMeteringTest - 2 * DAY;
const dayName = iso(D).slice(0, 10);
const id = (p: string) => `${p}-${randomBytes(5).toString('hex')}`;

let provider: TestSession;
let serviceId: string;
let exported: string;
let plain: string;
const subs = { a1: id('sub'), a2: id('sub'), b: id('sub') };

async function tier(token: string, serviceModelId: string, name: string, exportUsageMetering: boolean): Promise<string> {
  const res = await invoke(createTier, {
    token,
    params: { serviceId },
    body: { serviceModelId, name, description: `${name} plan`, planDescription: 'p', tierType: 'OMNISTRATE_DEDICATED_TENANCY', autoApproveSubscription: true, awsRegions: ['us-east-1'], exportUsageMetering, exportUsageMeteringConfig: exportUsageMetering ? { s3BucketName: 'provider-usage' } : {} },
  });
  expect(res.status, res.body).toBe(200);
  return res.json;
}

/** An instance of the plan RUNNING over [from, to) with `replicas`, as the stream job sees its changes. */
async function ran(productTierId: string, subscriptionId: string, from: number, to: number, replicas = 2) {
  const instanceId = id('instance');
  const image = (status: string, at: number) => ({
    entity: 'resourceInstance', pk: `INST#${instanceId}`, sk: 'INST', instanceId, providerOrgId: provider.orgId, customerOrgId: `org-cust-${subscriptionId}`,
    subscriptionId, serviceId, productTierId, status, updatedAt: iso(at), resources: { r: { status: 'RUNNING', replicas } },
  });
  for (const [status, at] of [['RUNNING', from], ['STOPPED', to]] as const) {
    await trackMeteredInstance({ eventName: 'MODIFY', keys: { pk: `INST#${instanceId}`, sk: 'INST' }, newImage: image(status, at), sequenceNumber: String(at) });
  }
}

/** The meter-usage job's cursor at `meteredUntil` (as its run commits it), then one run of this job's module. */
async function runAfterMetering(meteredUntil: number) {
  const t = new Date().toISOString();
  const cursor: MeteringCursorItem = { ...keys.meteringCursor(), entity: 'meteringCursor', meteredUntil: iso(meteredUntil), version: 1, createdAt: t, updatedAt: t };
  await putImmutable([cursor]);
  return (await handler({ time: t })) as { days: number; files: number; records: number; exportedUntil?: string };
}

const fileOf = (productTierId: string, day = dayName) => blobs().get(usageExportBlobKey(provider.orgId, serviceId, productTierId, day));

beforeAll(async () => {
  provider = await testSession('root', 'Export Provider');
  const tree = await serviceTree(provider.token, `Export ${randomBytes(3).toString('hex')}`);
  serviceId = tree.svc;
  [exported, plain] = await Promise.all([tier(provider.token, tree.hosted, 'Exported', true), tier(provider.token, tree.hosted, 'Plain', false)]);
  await ran(exported, subs.a1, D + HOUR, D + 3.5 * HOUR); // 3 records on D
  await ran(exported, subs.a1, D + 22 * HOUR, D + 26 * HOUR, 3); // 2 on D, 2 on D+1
  await ran(exported, subs.a2, D + 5 * HOUR, D + 6 * HOUR, 1); // 1 on D
  await ran(plain, subs.b, D + HOUR, D + 4 * HOUR); // 3 on D, never exported
  await backfillUsage({ from: new Date(D), to: new Date(D + 2 * DAY) });
});

describe('export-usage job', () => {
  it('exports nothing before anything is metered, and no day that is not fully metered', async () => {
    expect(await handler({ time: new Date().toISOString() })).toEqual({ days: 0, files: 0, records: 0 });
    // A fresh cursor starts at the last fully metered day: D-1 (no usage, no files); D is not whole yet.
    expect(await runAfterMetering(D + 20 * HOUR)).toEqual({ days: 1, files: 0, records: 0, exportedUntil: iso(D) });
    expect(await fileOf(exported)).toBeUndefined();
    expect(await runAfterMetering(D + 23 * HOUR)).toEqual({ days: 0, files: 0, records: 0, exportedUntil: iso(D) });
    expect(await fileOf(exported)).toBeUndefined();
  });

  it("writes a flagged plan's day file with exactly the day's records, and none for a plan without the flag", async () => {
    expect(await runAfterMetering(D + DAY + 12 * HOUR)).toEqual({ days: 1, files: 1, records: 6, exportedUntil: iso(D + DAY) });
    expect((await getUsageExportCursor())!.exportedUntil).toBe(iso(D + DAY));
    expect(await fileOf(plain)).toBeUndefined();
    const text = (await fileOf(exported))!.toString('utf8');
    const [header, ...lines] = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(header).toEqual({ format: USAGE_EXPORT_FORMAT, day: dayName, dayStart: iso(D), dayEnd: iso(D + DAY), providerOrgId: provider.orgId, serviceId, productTierId: exported, records: 6 });
    const records = [...(await usageOfSubscription(subs.a1, iso(D), iso(D + DAY))), ...(await usageOfSubscription(subs.a2, iso(D), iso(D + DAY)))];
    expect(records).toHaveLength(6);
    const expected = records
      .map((r) => ({ subscriptionId: r.subscriptionId, instanceId: r.instanceId, customerOrgId: r.customerOrgId, periodStart: r.periodStart, periodEnd: r.periodEnd, runningHours: r.runningHours, usage: Object.fromEntries(DIMENSIONS.map(([n, f]) => [n, r[f]])) }))
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.subscriptionId.localeCompare(b.subscriptionId) || a.instanceId.localeCompare(b.instanceId));
    expect(lines).toEqual(expected);
    expect(lines.reduce((s, l) => s + l.usage['Replica hours'], 0)).toBeCloseTo(2 * 2.5 + 3 * 2 + 1, 6);
  });

  it('a rerun writes the same bytes and moves nothing', async () => {
    const before = (await fileOf(exported))!;
    expect(await runAfterMetering(D + DAY + 12 * HOUR)).toEqual({ days: 0, files: 0, records: 0, exportedUntil: iso(D + DAY) });
    expect(await exportUsageOfDay(new Date(D))).toEqual({ plans: 2, files: 1, records: 6 });
    expect((await fileOf(exported))!.equals(before)).toBe(true);
    expect(await fileOf(exported, iso(D + DAY).slice(0, 10))).toBeUndefined(); // D+1 is not whole yet
  });

  it('after a backfill, the days already exported are written again from the recomputed records, later ones left to the job', async () => {
    await ran(exported, subs.a2, D + 8 * HOUR, D + 10 * HOUR, 1); // usage that reached the meter late: 2 more records on D
    await backfillUsage({ from: new Date(D), to: new Date(D + 2 * DAY) });
    expect(await reexportUsage({ from: new Date(D), to: new Date(D + 2 * DAY) })).toEqual({ days: 1, files: 1, records: 8 });
    const lines = (await fileOf(exported))!.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].records).toBe(8);
    expect(lines.slice(1).filter((l) => l.subscriptionId === subs.a2).map((l) => l.periodStart)).toEqual([iso(D + 5 * HOUR), iso(D + 8 * HOUR), iso(D + 9 * HOUR)]);
    expect(await fileOf(exported, iso(D + DAY).slice(0, 10))).toBeUndefined();
  });

  it('catches up at most a bounded number of days a run, only whole days', () => {
    const until = new Date(D + 10 * DAY + 5 * HOUR);
    expect(daysToExport(until, new Date(D)).map((d) => d.toISOString())).toEqual([0, 1, 2].map((i) => iso(D + i * DAY)));
    expect(daysToExport(until, new Date(D + 9 * DAY)).map((d) => d.toISOString())).toEqual([iso(D + 9 * DAY)]);
    expect(daysToExport(until, new Date(D + 10 * DAY))).toEqual([]);
    expect(daysToExport(new Date(D + DAY), undefined).map((d) => d.toISOString())).toEqual([iso(D)]);
    expect(daysToExport(undefined, new Date(D))).toEqual([]);
    expect(MAX_EXPORT_DAYS_PER_RUN).toBe(3);
  });

  it('is in the catalog, with blob:write and table:write (its cursor)', () => {
    expect(jobs).toContain(job);
    expect(job.permissions).toEqual(expect.arrayContaining(['table:write', 'blob:write']));
  });
});
