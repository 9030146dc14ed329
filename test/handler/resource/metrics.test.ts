/** RegisterResourceMetricsConfig, DescribeResourceMetricsConfig, DeregisterResourceMetricsConfig. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as registerMetrics } from '#functions/resource/register-resource-metrics-config.ts';
import { operation as describeMetrics } from '#functions/resource/describe-resource-metrics-config.ts';
import { operation as deregisterMetrics } from '#functions/resource/deregister-resource-metrics-config.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { createOk, resourceSessions, serviceWithTier } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  ({ root, other } = await resourceSessions());
});

async function resource() {
  const tier = await serviceWithTier(root.orgId);
  const id = await createOk(tier, { name: 'Db' });
  const params = { serviceId: tier.serviceId, id };
  const register = (metricEndpoint?: string) =>
    invoke(registerMetrics, { params, body: metricEndpoint === undefined ? {} : { metricEndpoint }, token: root.token });
  return { tier, id, params, register };
}

/** A resource whose endpoint was registered, then replaced. */
async function registered() {
  const r = await resource();
  expect((await r.register('http://localhost:9187/metrics')).status).toBe(200);
  expect((await r.register('http://localhost:9090/metrics')).status).toBe(200);
  return r;
}

const changeDetails = async (tier: { serviceId: string; productTierId: string }) =>
  (await changesOfTier(tier.serviceId, tier.productTierId)).map((c) => `${c.kind}:${c.detail ?? ''}`);

describe('RegisterResourceMetricsConfig', () => {
  it('registers one endpoint per resource, replaces it, and records each change', async () => {
    const { tier, id, params } = await registered();
    const d = await invoke(describeMetrics, { params, token: root.token });
    expect(d.json).toEqual({ id, serviceId: tier.serviceId, metricEndpoint: 'http://localhost:9090/metrics' });
    expect(await changeDetails(tier)).toEqual(['NEW:', 'UPDATE:metrics', 'UPDATE:metrics']);
  });

  it('needs a metricEndpoint (400)', async () => {
    const { register } = await resource();
    expect((await register()).status).toBe(400);
  });
});

describe('DescribeResourceMetricsConfig', () => {
  it('answers 404 before anything is registered', async () => {
    const { params } = await resource();
    const none = await invoke(describeMetrics, { params, token: root.token });
    expect(none.status).toBe(404);
    expect(none.json.message).toBe('metrics config not found');
  });

  it('describes the registered endpoint, and is invisible to another org', async () => {
    const { tier, id, params } = await registered();
    const d = await invoke(describeMetrics, { params, token: root.token });
    expect(d.status).toBe(200);
    expect(d.json).toEqual({ id, serviceId: tier.serviceId, metricEndpoint: 'http://localhost:9090/metrics' });
    expect((await invoke(describeMetrics, { params, token: other.token })).status).toBe(404);
  });
});

describe('DeregisterResourceMetricsConfig', () => {
  it('removes the endpoint and records the change; a second time is 404', async () => {
    const { tier, params } = await registered();
    expect((await invoke(deregisterMetrics, { params, token: root.token })).status).toBe(200);
    expect((await invoke(describeMetrics, { params, token: root.token })).status).toBe(404);
    expect((await invoke(deregisterMetrics, { params, token: root.token })).status).toBe(404);
    expect(await changeDetails(tier)).toEqual(['NEW:', 'UPDATE:metrics', 'UPDATE:metrics', 'UPDATE:metrics']);
  });
});
