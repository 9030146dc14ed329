/** The instance lifecycle: the legal-transition table, the operation slot, and the view. */
import { describe, expect, it } from 'vitest';
import { beginOperation, endOperation, resourceInstanceView, TRANSITIONS, type InstanceAction } from '#shared/domain/resource-instance.ts';
import type { InstanceStatus, ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { InvalidState } from '#shared/errors.ts';

const STATUSES: InstanceStatus[] = ['DEPLOYING', 'RUNNING', 'STOPPING', 'STOPPED', 'FAILED', 'DELETING'];
const who = { userId: 'user-1', userName: 'Ada' };

function instance(status: InstanceStatus, extra: Partial<ResourceInstanceItem> = {}): ResourceInstanceItem {
  return {
    pk: 'INST#instance-1', sk: 'INST', version: 3, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z',
    entity: 'resourceInstance', instanceId: 'instance-1', providerOrgId: 'org-p', customerOrgId: 'org-c', subscriptionId: 'sub-1',
    serviceId: 's-1', environmentId: 'se-1', environmentType: 'PROD', serviceApiId: 'sa-1', serviceModelId: 'sm-1', productTierId: 'pt-1',
    resourceId: 'r-main', tierVersion: '1.0', cloudProvider: 'aws', region: 'us-east-1', requestParams: {}, resultParams: { url: 'x' },
    status, resources: {
      'r-main': { resourceId: 'r-main', resourceKey: 'main', name: 'Main', status: 'RUNNING', replicas: 2, minReplicas: 1, maxReplicas: 3, multiZone: true, outputs: {},
        endpoints: [{ name: 'main', host: 'main.instance-1.example', port: 5432, publiclyAccessible: true }], nodes: [{ id: 'main-0', availabilityZone: 'us-east-1a', status: 'RUNNING' }] },
      'r-dep': { resourceId: 'r-dep', resourceKey: 'dep', name: 'Dep', status: 'PENDING', replicas: 1, minReplicas: 1, maxReplicas: 1, multiZone: false, outputs: {}, endpoints: [], nodes: [] },
    },
    createdByUserId: 'user-1', createdByUserName: 'Ada', gsi1pk: '', gsi1sk: '', gsi2pk: '', gsi2sk: '', ...extra,
  };
}

describe('resource instance transitions', () => {
  // The whole table, status by action: which may begin, and into which transitional status.
  const expected: Record<Exclude<InstanceAction, 'create'>, Partial<Record<InstanceStatus, InstanceStatus>>> = {
    delete: { RUNNING: 'DELETING', STOPPED: 'DELETING', FAILED: 'DELETING' },
    start: { STOPPED: 'DEPLOYING' },
    stop: { RUNNING: 'STOPPING' },
    restart: { RUNNING: 'DEPLOYING' },
    update: { RUNNING: 'DEPLOYING' },
    scale: { RUNNING: 'DEPLOYING' },
    failover: { RUNNING: 'DEPLOYING' },
    'add-custom-dns': { RUNNING: 'DEPLOYING' },
    'remove-custom-dns': { RUNNING: 'DEPLOYING' },
  };
  for (const [action, legal] of Object.entries(expected) as [InstanceAction, Partial<Record<InstanceStatus, InstanceStatus>>][]) {
    for (const status of STATUSES) {
      const to = legal[status];
      it(`${action} from ${status}: ${to ?? '409'}`, () => {
        if (to) {
          const next = beginOperation(instance(status), action, who, new Date('2026-02-01T00:00:00Z'), 'op-1');
          expect(next.status).toBe(to);
          expect(next.activeOperation).toEqual({ operationId: 'op-1', action, startedAt: '2026-02-01T00:00:00.000Z', ...who });
        } else {
          expect(() => beginOperation(instance(status), action, who)).toThrow(InvalidState);
        }
      });
    }
  }

  it('names the status and what the action needs', () => {
    expect(() => beginOperation(instance('DEPLOYING'), 'stop', who)).toThrow('instance is DEPLOYING; stop needs RUNNING');
    expect(() => beginOperation(instance('DELETING'), 'delete', who)).toThrow('instance is DELETING; delete needs RUNNING or STOPPED or FAILED');
  });

  it('one operation at a time: a settled status with an operation still recorded refuses another', () => {
    const busy = instance('RUNNING', { activeOperation: { operationId: 'op-0', action: 'restart', startedAt: '', userId: 'u', userName: 'u' } });
    expect(() => beginOperation(busy, 'stop', who)).toThrow(InvalidState);
  });

  it('create starts a new instance only; every action settles where the table says', () => {
    expect(TRANSITIONS.create).toEqual({ from: [], during: 'DEPLOYING', settles: 'RUNNING' });
    expect(TRANSITIONS.stop.settles).toBe('STOPPED');
    expect(TRANSITIONS.delete.settles).toBe('gone');
  });

  it('endOperation settles the running operation, FAILED with the reason, and ignores another operation', () => {
    const stopping = beginOperation(instance('RUNNING'), 'stop', who, new Date(), 'op-2');
    expect(endOperation(stopping, 'op-2', { ok: true })).toMatchObject({ status: 'STOPPED' });
    expect(endOperation(stopping, 'op-2', { ok: true })?.activeOperation).toBeUndefined();
    expect(endOperation(stopping, 'op-2', { ok: false, reason: 'disk full' })).toMatchObject({ status: 'FAILED', failureReason: 'disk full' });
    expect(endOperation(stopping, 'op-other', { ok: true })).toBeUndefined();
    const restarted = endOperation(beginOperation(instance('FAILED', { failureReason: 'old' }), 'delete', who, new Date(), 'op-3'), 'op-3', { ok: false, reason: 'new' });
    expect(restarted?.failureReason).toBe('new');
  });
});

describe('resourceInstanceView', () => {
  it('answers the wire shape: replicas of the path resource, a topology entry per provisioned resource', () => {
    const v = resourceInstanceView(instance('RUNNING'), { subscriptionStatus: 'ACTIVE' });
    expect(v).toMatchObject({ id: 'instance-1', resourceID: 'r-main', status: 'RUNNING', cloud_provider: 'aws', currentReplicas: '2', minReplicas: '1', maxReplicas: '3', highAvailability: true, active: true, result_params: { url: 'x' }, last_modified_at: '2026-01-02T00:00:00.000Z' });
    expect(Object.keys(v.detailedNetworkTopology)).toEqual(['r-main']);
    expect(v.detailedNetworkTopology['r-main']).toMatchObject({ main: true, publiclyAccessible: true, clusterEndpoint: 'main.instance-1.example', clusterPorts: [5432], resourceKey: 'main' });
  });
});
