/** The simulated driver (determinism, failure injection) and the driver choice, as pure functions. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ResourceWork } from '#shared/drivers/driver.ts';
import { availabilityZones, injectedFailure, parseFailureRules, simulatedDriver, simulatedOutcome } from '#shared/drivers/simulated.ts';
import { driverNameFor } from '#shared/drivers/index.ts';
import { driverFailureReason } from '#shared/domain/driver-work.ts';

export const work = (over: Partial<ResourceWork> = {}): ResourceWork => ({
  workId: 'op-1/r-cache',
  action: 'create',
  providerOrgId: 'org-p',
  serviceId: 's-1',
  environmentType: 'DEV',
  productTierId: 'pt-1',
  tierVersion: '1.0',
  subscriptionId: 'sub-1',
  instanceId: 'instance-abc',
  resourceId: 'r-cache',
  resourceKey: 'cache',
  resourceName: 'Cache',
  cloudProvider: 'aws',
  region: 'us-east-1',
  parameters: {},
  replicas: 3,
  ...over,
});

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('simulated driver', () => {
  it('answers the same outcome for the same work, with nodes spread over the region\'s zones', async () => {
    const a = simulatedOutcome(work());
    expect(simulatedOutcome(work())).toEqual(a);
    expect(simulatedOutcome(work({ workId: 'op-2/r-cache', action: 'restart' }))).toEqual(a); // ids, not the operation
    expect(a.nodes!.map((n) => n.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(a.endpoints![0]).toMatchObject({ name: 'cache', publiclyAccessible: true, port: 443 });
    expect(a.outputs!.endpoint).toBe(a.endpoints![0].host);
    expect(simulatedOutcome(work({ instanceId: 'instance-other' })).endpoints![0].host).not.toBe(a.endpoints![0].host);
    expect(simulatedOutcome(work({ replicas: 1 })).nodes).toHaveLength(1);
    expect(simulatedOutcome(work({ action: 'stop' })).nodes!.every((n) => n.status === 'STOPPED')).toBe(true);
    expect(simulatedOutcome(work({ action: 'delete' }))).toEqual({ outputs: {}, endpoints: [], nodes: [] });
    expect(availabilityZones('gcp', 'us-central1')[0]).toBe('us-central1-a');
  });

  it('waits DRIVER_DELAY_SECONDS', async () => {
    process.env.DRIVER_DELAY_SECONDS = '7';
    expect(await simulatedDriver().start(work())).toMatchObject({ done: true, waitSeconds: 7 });
    process.env.DRIVER_DELAY_SECONDS = '0';
    expect(await simulatedDriver().start(work())).toMatchObject({ done: true, waitSeconds: 0 });
  });

  it('fails work named by DRIVER_FAILURES or by the resource\'s simulatedFailure parameter', async () => {
    expect(parseFailureRules('cache=out of capacity; db/stop=disk stuck;bad;x/nope=y')).toEqual([
      { resourceKey: 'cache', action: 'create', reason: 'out of capacity' },
      { resourceKey: 'db', action: 'stop', reason: 'disk stuck' },
    ]);
    process.env.DRIVER_FAILURES = 'cache/create=no capacity in us-east-1';
    await expect(simulatedDriver().start(work())).rejects.toMatchObject({ name: 'DeploymentFailed', message: 'no capacity in us-east-1' });
    expect(injectedFailure(work({ resourceKey: 'db' }))).toBeUndefined();
    expect(injectedFailure(work({ action: 'delete' }))).toBeUndefined();
    process.env.DRIVER_FAILURES = '*/delete=stuck';
    expect(injectedFailure(work({ action: 'delete', resourceKey: 'db' }))).toBe('stuck');
    process.env.DRIVER_FAILURES = '';
    expect(injectedFailure(work({ parameters: { simulatedFailure: 'bad image' } }))).toBe('bad image');
    expect(injectedFailure(work({ action: 'stop', parameters: { simulatedFailure: 'bad image' } }))).toBeUndefined();
    expect(injectedFailure(work({ action: 'stop', parameters: { simulatedFailure: 'stop=hangs' } }))).toBe('hangs');
    expect(injectedFailure(work({ parameters: { simulatedFailure: 'stop=hangs' } }))).toBeUndefined();
  });
});

describe('driver choice', () => {
  it('takes DEPLOYMENT_DRIVER unless a plan, service or environment override names another', () => {
    const w = work();
    expect(driverNameFor(w, '', 'simulated')).toBe('simulated');
    expect(driverNameFor(w, 'env:DEV=callback', 'simulated')).toBe('callback');
    expect(driverNameFor(w, 'env:DEV=callback;service:s-1=simulated', 'simulated')).toBe('simulated');
    expect(driverNameFor(w, 'env:DEV=simulated;service:s-1=simulated;plan:pt-1=callback', 'simulated')).toBe('callback');
    expect(driverNameFor(w, 'env:PROD=callback;plan:pt-1=bogus', 'simulated')).toBe('simulated');
  });

  it('names the failure a step records: the real reason, or the timeout', () => {
    expect(driverFailureReason({ Error: 'States.Timeout', Cause: '' }, { timeoutSeconds: 30 })).toBe('no report from the deployment automation within 30 s');
    expect(driverFailureReason({ Error: 'DeploymentFailed', Cause: JSON.stringify({ errorType: 'DeploymentFailed', errorMessage: 'quota' }) })).toBe('quota');
    expect(driverFailureReason({ Error: 'DeploymentFailed', Cause: 'quota' })).toBe('quota');
  });
});
