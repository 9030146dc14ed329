/**
 * The local stream poller on a table of its own (this file's process points the data layer at it, so counts
 * are exact): it picks up a committed change and hands it to the job; a restart resumes after the
 * checkpoint (nothing lost, nothing handled twice); a record that keeps failing is retried, set aside in the
 * dead-letter file and passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { startStreamPoller, type LocalStreamPoller } from '#infra/local/stream-poller.ts';
import { resetDbClient } from '#shared/data/client.ts';
import { commit, queryAll, stamp } from '#shared/data/store.ts';
import { auditFacts } from '#shared/data/entities/audit-event.ts';
import { keys } from '#shared/data/keys.ts';
import { jobs } from '#functions/jobs/index.ts';

const table = `poller-${Math.random().toString(36).slice(2, 10)}`;
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const dir = mkdtempSync(join(tmpdir(), 'omnistrate-poller-'));
const provider = 'org-pollertest';
let pollers: LocalStreamPoller[] = [];

beforeAll(async () => {
  await ensureTable(endpoint, table);
  process.env.TABLE_NAME = table;
  resetDbClient();
}, 60_000);
afterAll(async () => {
  await Promise.all(pollers.map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const poller = (opts: { maxAttempts?: number; checkpointDir?: string } = {}) => {
  const p = startStreamPoller({ jobs, endpoint, tableName: table, checkpointDir: opts.checkpointDir ?? dir, enabled: false, ...opts });
  pollers.push(p);
  return p;
};
let n = 0;
/** A subscription-entity item carrying facts, with an empty map (DynamoDB Local streams those oddly). */
async function change(eventType: string) {
  const at = new Date(Date.UTC(2026, 4, 1, 0, 0, ++n));
  await commit({
    puts: [{ item: stamp({ pk: `SUB#sub-poll${n}`, sk: '#SUB', entity: 'subscription', pricePerUnit: {}, ...auditFacts({ providerOrgId: provider, eventSource: 'System', eventType, message: eventType, userId: '', userName: '' }, at) }) }],
  });
}
const logged = async () => (await queryAll<{ eventType: string }>(keys.auditEventsOfMonth(provider, '2026-05'))).map((e) => e.eventType).sort();

describe('the local stream poller', () => {
  it('runs only stream jobs, and picks up a committed change through the job module', async () => {
    const p = poller();
    expect(p.jobs).toEqual([]); // off its timer
    expect(await p.drain()).toEqual({ records: 0, failed: 0 });
    await change('First');
    expect(await p.drain()).toEqual({ records: 1, failed: 0 });
    expect(await logged()).toEqual(['First']);
    expect(await p.drain()).toEqual({ records: 0, failed: 0 });
  });

  it('resumes after its checkpoint on restart: what came meanwhile is handled, nothing twice', async () => {
    await pollers[0]!.stop();
    await change('Second');
    await change('Third');
    const restarted = poller();
    expect(await restarted.drain()).toEqual({ records: 2, failed: 0 });
    expect(await logged()).toEqual(['First', 'Second', 'Third']);
    const checkpoint = JSON.parse(readFileSync(join(dir, `${table}.record-audit-events.json`), 'utf8'));
    expect(checkpoint.streamArn).toContain(`table/${table}/stream/`);
    // A poller without a checkpoint reads from the start: every record again, and the log stays the same.
    const fresh = poller({ checkpointDir: mkdtempSync(join(tmpdir(), 'omnistrate-poller-')) });
    expect((await fresh.drain()).records).toBe(3);
    expect(await logged()).toEqual(['First', 'Second', 'Third']);
  });

  it('retries a failing record, then sets it aside in the dead-letter file and goes on', async () => {
    const p = poller({ maxAttempts: 2 });
    await p.drain();
    await commit({ puts: [{ item: stamp({ pk: 'SUB#sub-broken', sk: '#SUB', entity: 'subscription', lastEvent: { at: '2026-05-02T00:00:00.000Z' } }) }] });
    await change('AfterBroken');
    expect(await p.drain()).toEqual({ records: 1, failed: 1 });
    const dead = readFileSync(join(dir, `${table}.record-audit-events.failed.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(dead).toMatchObject([{ job: 'record-audit-events', attempts: 2, record: { dynamodb: { Keys: { pk: { S: 'SUB#sub-broken' } } } } }]);
    expect(await logged()).toContain('AfterBroken');
    expect(await p.drain()).toEqual({ records: 0, failed: 0 });
  });
});
