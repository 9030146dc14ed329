/** RegisterResourceMetricsConfig, DescribeResourceMetricsConfig, DeregisterResourceMetricsConfig. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as registerMetrics } from '#functions/resource/register-resource-metrics-config.ts';
import { operation as describeMetrics } from '#functions/resource/describe-resource-metrics-config.ts';
import { operation as deregisterMetrics } from '#functions/resource/deregister-resource-metrics-config.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { addTier, create, createOk, describeIt, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  ({ root, other, reader } = await resourceSessions());
});

describe('RegisterResourceMetricsConfig', () => {
  it('registers, replaces, describes and deregisters one endpoint per resource', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db' });
    const params = { serviceId: tier.serviceId, id };
    const none = await invoke(describeMetrics, { params, token: root.token });
    expect(none.status).toBe(404);
    expect(none.json.message).toBe('metrics config not found');
    expect((await invoke(registerMetrics, { params, body: { metricEndpoint: 'http://localhost:9187/metrics' }, token: root.token })).status).toBe(200);
    expect((await invoke(registerMetrics, { params, body: { metricEndpoint: 'http://localhost:9090/metrics' }, token: root.token })).status).toBe(200);
    const d = await invoke(describeMetrics, { params, token: root.token });
    expect(d.json).toEqual({ id, serviceId: tier.serviceId, metricEndpoint: 'http://localhost:9090/metrics' });
    expect((await invoke(registerMetrics, { params, body: {}, token: root.token })).status).toBe(400);
    expect((await invoke(describeMetrics, { params, token: other.token })).status).toBe(404);
    expect((await invoke(deregisterMetrics, { params, token: root.token })).status).toBe(200);
    expect((await invoke(describeMetrics, { params, token: root.token })).status).toBe(404);
    expect((await invoke(deregisterMetrics, { params, token: root.token })).status).toBe(404);
    const details = (await changesOfTier(tier.serviceId, tier.productTierId)).map((c) => `${c.kind}:${c.detail ?? ''}`);
    expect(details).toEqual(['NEW:', 'UPDATE:metrics', 'UPDATE:metrics', 'UPDATE:metrics']);
  });
});
