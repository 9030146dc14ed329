/** The pure rules of the in-place instance actions (shared/domain/resource-instance-change.ts). */
import { describe, expect, it } from 'vitest';
import {
  capacityTarget,
  customDnsName,
  deploymentCellIdOf,
  expirationTimestamp,
  parameterChanges,
  resourceAfterFailure,
  resourceAfterStep,
  resourcesToChange,
  statusAfterFailure,
} from '#shared/domain/resource-instance-change.ts';
import type { InstanceResourceState } from '#shared/data/entities/resource-instance.ts';

const r = (extra: Partial<InstanceResourceState> = {}): InstanceResourceState => ({
  resourceId: 'r-app',
  resourceKey: 'app',
  name: 'App',
  status: 'RUNNING',
  replicas: 2,
  minReplicas: 1,
  maxReplicas: 3,
  multiZone: true,
  outputs: { a: '1' },
  endpoints: [],
  nodes: [{ id: 'n0', availabilityZone: 'z1', status: 'RUNNING' }],
  ...extra,
});

describe('resource-instance change rules', () => {
  it('orders resources dependencies first for start/restart/update, reversed for stop, one resource otherwise', () => {
    const nodes = [
      { resourceId: 'app', dependsOn: ['db', 'cache'] },
      { resourceId: 'db', dependsOn: [] },
      { resourceId: 'cache', dependsOn: ['db'] },
    ];
    expect(resourcesToChange({ action: 'start' }, nodes)).toEqual(['db', 'cache', 'app']);
    expect(resourcesToChange({ action: 'stop' }, nodes)).toEqual(['app', 'cache', 'db']);
    expect(resourcesToChange({ action: 'scale', resourceId: 'app', replicas: 3 }, nodes)).toEqual(['app']);
  });

  it('keeps capacity within minReplicas..maxReplicas, naming the limit', () => {
    expect(capacityTarget(r(), 1)).toBe(3);
    expect(capacityTarget(r(), -1)).toBe(1);
    expect(() => capacityTarget(r(), 2)).toThrow(/maxReplicas is 3/);
    expect(() => capacityTarget(r(), -2)).toThrow(/minReplicas is 1/);
  });

  it('takes DNS names, lower-cased without the trailing dot, and refuses anything else', () => {
    expect(customDnsName(' Api.Example.COM. ')).toBe('api.example.com');
    expect(customDnsName('a-b.c-d.example.io')).toBe('a-b.c-d.example.io');
    for (const bad of ['example', 'http://x.com', 'x.com:80', 'a_b.com', 'a..com', '1.2.3.4', `${'a'.repeat(64)}.com`, `${'a.'.repeat(127)}com`]) {
      expect(() => customDnsName(bad), bad).toThrow(/body\.customDNS/);
    }
  });

  it('lets only modifiable parameters change; current values (as text too) are no change', () => {
    const rules = [
      { key: 'size', modifiable: true },
      { key: 'password', modifiable: false },
      { key: 'count', modifiable: false },
    ];
    expect(parameterChanges({ size: 's', password: 'p', count: 3 }, { size: 'l', password: 'p', count: '3' }, rules)).toEqual({ size: 'l' });
    expect(() => parameterChanges({ password: 'p' }, { password: 'q' }, rules)).toThrow('body.requestParams.password is not modifiable');
    expect(() => parameterChanges({}, { other: 1 }, rules)).toThrow('body.requestParams.other is not a parameter');
  });

  it('ends start/stop/restart/update FAILED and scale/failover/DNS back to RUNNING', () => {
    expect(['start', 'stop', 'restart', 'update'].map((a) => statusAfterFailure(a as 'start'))).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(['scale', 'failover', 'add-custom-dns', 'remove-custom-dns'].map((a) => statusAfterFailure(a as 'scale'))).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING']);
    expect(resourceAfterFailure(r(), 'stop', 'x')).toMatchObject({ status: 'FAILED', failureReason: 'x' });
    expect(resourceAfterFailure(r(), 'scale', 'x')).toMatchObject({ status: 'RUNNING', replicas: 2, failureReason: 'x' });
  });

  it('applies a step: stop marks nodes STOPPED, scale sets replicas, DNS sets and clears, outputs merge', () => {
    expect(resourceAfterStep(r(), { action: 'stop' }, {}).nodes[0]!.status).toBe('STOPPED');
    expect(resourceAfterStep(r(), { action: 'scale', resourceId: 'r-app', replicas: 3 }, { outputs: { b: '2' } })).toMatchObject({ replicas: 3, outputs: { a: '1', b: '2' } });
    const withDns = resourceAfterStep(r(), { action: 'add-custom-dns', resourceId: 'r-app', dnsName: 'x.example.com' }, {});
    expect(withDns.customDNS).toEqual({ dnsName: 'x.example.com' });
    expect(resourceAfterStep(withDns, { action: 'remove-custom-dns', resourceId: 'r-app' }, {}).customDNS).toBeUndefined();
  });

  it('derives one deployment cell per provider environment, cloud and region; writes expiry as the contract does', () => {
    const at = { providerOrgId: 'org-1', environmentId: 'se-1', cloudProvider: 'aws', region: 'us-east-1' };
    expect(deploymentCellIdOf(at)).toMatch(/^hc-[0-9a-f]{8}$/);
    expect(deploymentCellIdOf({ ...at, cloudProvider: 'AWS' })).toBe(deploymentCellIdOf(at));
    expect(deploymentCellIdOf({ ...at, region: 'eu-west-1' })).not.toBe(deploymentCellIdOf(at));
    expect(expirationTimestamp(Date.UTC(2021, 0, 1) / 1000)).toBe('2021-01-01 00:00:00+00:00');
  });
});
