/**
 * The audit log's pure parts: the local router keeps `audit-events` and `event` literal beside the instance
 * routes that take ids there, the months a window reads, the window's bounds, and ids that name their record.
 */
import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '#infra/local/server.ts';
import { operations } from '#functions/registry.ts';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { auditWindow, monthsBetween } from '#shared/domain/audit-event.ts';
import { auditEvent, eventKeyOf } from '#shared/data/entities/audit-event.ts';

describe('ListAllAuditEvents', () => {
  // The real registry, plus stand-ins for the instance routes issue 10 adds, that take ids where ours are literal.
  const standIn = (method: string, path: string) => ({ op: { method, path: `/2022-09-01-00/resource-instance${path}`, operationId: path } as OperationDefinition, handler: async () => ({}) });
  const plan = '/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}';
  const routes = compileRoutes([
    ...operations.map((op) => ({ op, handler: async () => ({}) })),
    standIn('GET', '/{instanceId}/audit-events'),
    standIn('GET', '/{instanceId}/event'),
    standIn('GET', '/{instanceId}'),
    standIn('GET', '/{instanceId}/{other}'),
    standIn('GET', `${plan}/{resourceKey}`),
    standIn('GET', `${plan}/{resourceKey}/{id}`),
  ]);
  const at = (path: string) => matchRoute(routes, 'GET', `/2022-09-01-00/resource-instance${path}`);

  it('routes literal audit-events and event segments before instance ids, locally', () => {
    expect(at('/audit-events')?.route.op.operationId).toBe('ListAllAuditEvents');
    expect(at('/audit-events/event-1')).toMatchObject({ route: { op: { operationId: 'DescribeAuditEvent' } }, params: { id: 'event-1' } });
    expect(at('/event/event-1')).toMatchObject({ route: { op: { operationId: 'DeprecatedDescribeAuditEvent' } }, params: { id: 'event-1' } });
    expect(at('/p/s/v/e/m/t/audit-events')).toMatchObject({ route: { op: { operationId: 'ListAuditEventsForServicePlan' } }, params: { productTierKey: 't' } });
    expect(at('/p/s/v/e/m/t/event')?.route.op.operationId).toBe('DeprecatedListAuditEventsForServicePlan');
    // The ids still reach the instance routes.
    expect(at('/instance-1/audit-events')?.params).toEqual({ instanceId: 'instance-1' });
    expect(at('/p/s/v/e/m/t/db')?.params).toMatchObject({ resourceKey: 'db' });
  });

  it('reads the months of a window newest first, and none outside it', () => {
    expect(monthsBetween('2025-11-15T00:00:00.000Z', '2026-02-01T00:00:00.000Z')).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(monthsBetween('2026-01-31T23:59:59.999Z', '2026-01-31T23:59:59.999Z')).toEqual(['2026-01']);
  });

  it('bounds the window by the retention and refuses a reversed one', () => {
    const now = new Date('2026-06-15T00:00:00Z');
    expect(auditWindow({}, now, 400)).toEqual({ from: '2025-05-11T00:00:00.000Z', to: '2026-06-15T00:00:00.000Z' });
    expect(auditWindow({ startDate: '2000-01-01T00:00:00Z', endDate: '2026-01-01T00:00:00+01:00' }, now, 30).from).toBe('2025-12-01T23:00:00.000Z');
    expect(() => auditWindow({ startDate: '2026-02-01T00:00:00Z', endDate: '2026-01-01T00:00:00Z' }, now, 400)).toThrow('startDate must not be after endDate');
  });
});

describe('DescribeAuditEvent', () => {
  it('reads the key of a record from its id alone', () => {
    const e = auditEvent({ providerOrgId: 'org-1', eventSource: 'System', eventType: 'T', message: 'm', userId: '', userName: '' }, new Date('2026-01-31T23:59:59.123Z'));
    expect(e.eventId).toMatch(/^event-[0-9a-z]{21}$/);
    expect(eventKeyOf('org-1', e.eventId)).toEqual({ pk: e.pk, sk: e.sk });
    expect(eventKeyOf('org-1', 'event-12345678')).toBeUndefined();
  });
});
