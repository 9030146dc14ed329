/**
 * The record-audit-events job through its module's handler, fed stream records built as DynamoDB builds them:
 * one event per change of `lastEvent`, the same event on a redelivered record, a delete's marker, the
 * instance listing copy; nothing for a write that kept the facts.
 */
import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { handler } from '#functions/jobs/record-audit-events.ts';
import { auditFacts, auditMarker, getAuditEvent, projectedEventId, type AuditEventInput } from '#shared/data/entities/audit-event.ts';
import { keys } from '#shared/data/keys.ts';
import { queryAll } from '#shared/data/store.ts';

let seq = 1000;
const image = (v: Record<string, unknown>) => marshall(v, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', key: { pk: string; sk: string }, oldItem?: Record<string, unknown>, newItem?: Record<string, unknown>): DynamoDBRecord {
  return {
    eventID: String(++seq),
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: image(key), SequenceNumber: String(seq), ...(oldItem ? { OldImage: image(oldItem) } : {}), ...(newItem ? { NewImage: image(newItem) } : {}) },
  };
}
const org = () => `org-${Math.random().toString(36).slice(2, 12)}`;
const facts = (providerOrgId: string, at: string, extra: Partial<AuditEventInput> = {}) =>
  auditFacts({ providerOrgId, eventSource: 'Customer', eventType: 'SubscriptionUpdated', message: 'changed', userId: 'user-1', userName: 'Ann', ...extra }, new Date(at));
const logOf = (providerOrgId: string, at: string) => queryAll<{ eventId: string; eventType: string }>(keys.auditEventsOfMonth(providerOrgId, at.slice(0, 7)));

describe('record-audit-events', () => {
  it('projects a new lastEvent into one record whose id comes from the item and the time; a redelivery writes nothing new', async () => {
    const p = org();
    const key = { pk: `SUB#sub-${p}`, sk: '#SUB' };
    const item = { ...key, entity: 'subscription', version: 1, ...facts(p, '2026-03-04T05:06:07.089Z', { customerOrgId: 'org-c', productTierId: 'pt-1' }) };
    const r = record('INSERT', key, undefined, item);
    expect(await handler({ Records: [r] })).toEqual({ batchItemFailures: [] });
    expect(await handler({ Records: [r, r] })).toEqual({ batchItemFailures: [] });
    const log = await logOf(p, '2026-03');
    expect(log.map((e) => e.eventId)).toEqual([projectedEventId(key, item.lastEvent)]);
    const event = await getAuditEvent(p, log[0]!.eventId);
    expect(event).toMatchObject({ time: '2026-03-04T05:06:07.089Z', eventType: 'SubscriptionUpdated', userName: 'Ann', customerOrgId: 'org-c', productTierId: 'pt-1' });
    expect(await queryAll(keys.customerAuditEvents('org-c'))).toContainEqual(expect.objectContaining({ eventId: log[0]!.eventId }));
  });

  it('records one event per change: a write that keeps lastEvent (a counter, another field) records none', async () => {
    const p = org();
    const key = { pk: `SUB#sub-${p}`, sk: '#SUB' };
    const v1 = { ...key, entity: 'subscription', version: 1, ...facts(p, '2026-03-01T00:00:00.000Z') };
    const v2 = { ...v1, version: 2, instanceCount: 1 };
    const v3 = { ...v2, version: 3, ...facts(p, '2026-03-02T00:00:00.000Z', { eventType: 'SubscriptionSuspended' }) };
    await handler({ Records: [record('INSERT', key, undefined, v1), record('MODIFY', key, v1, v2), record('MODIFY', key, v2, v3), record('REMOVE', key, v3)] });
    expect((await logOf(p, '2026-03')).map((e) => e.eventType)).toEqual(['SubscriptionUpdated', 'SubscriptionSuspended']);
  });

  it("records a delete from its marker, and copies an instance's event into the instance's listing", async () => {
    const p = org();
    const about = { pk: `INST#instance-${p}`, sk: 'INST' };
    const marker = auditMarker(about, { providerOrgId: p, eventSource: 'Workflow', eventType: 'InstanceDeleted', message: 'gone', userId: '', userName: '', resourceInstanceId: `instance-${p}` }, new Date('2026-03-05T00:00:00.000Z'));
    await handler({ Records: [record('INSERT', { pk: marker.pk, sk: marker.sk }, undefined, marker as unknown as Record<string, unknown>)] });
    expect((await logOf(p, '2026-03')).map((e) => e.eventType)).toEqual(['InstanceDeleted']);
    expect(await queryAll(keys.instanceAuditEvents(`instance-${p}`))).toMatchObject([{ entity: 'instanceAuditEvent', eventType: 'InstanceDeleted' }]);
    // The marker's own expiry (TTL delete) records nothing.
    await handler({ Records: [record('REMOVE', { pk: marker.pk, sk: marker.sk }, marker as unknown as Record<string, unknown>)] });
    expect(await logOf(p, '2026-03')).toHaveLength(1);
  });

  it('fails a record whose facts lack what every event needs (reported, the others still recorded)', async () => {
    const p = org();
    const good = { pk: `SUB#sub-${p}`, sk: '#SUB', entity: 'subscription', ...facts(p, '2026-03-06T00:00:00.000Z') };
    const bad = { pk: `SUB#sub-${p}x`, sk: '#SUB', entity: 'subscription', lastEvent: { at: '2026-03-06T00:00:00.000Z', eventType: 'X' } };
    const rb = record('INSERT', bad, undefined, bad);
    const res = await handler({ Records: [rb, record('INSERT', good, undefined, good)] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: rb.dynamodb!.SequenceNumber }]);
    expect(await logOf(p, '2026-03')).toHaveLength(1);
  });
});
