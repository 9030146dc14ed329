/** EnableResourceCapability, ListResourceCapabilities, DisableResourceCapability. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as enableCapability } from '#functions/resource/enable-resource-capability.ts';
import { operation as listCapabilities } from '#functions/resource/list-resource-capabilities.ts';
import { operation as disableCapability } from '#functions/resource/disable-resource-capability.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { createOk, resourceSessions, serviceWithTier } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;

beforeAll(async () => {
  ({ root, other } = await resourceSessions());
});

/** A resource with AUTOSCALING enabled, SERVERLESS enabled, then AUTOSCALING enabled again with a new configuration. */
async function withCapabilities() {
  const tier = await serviceWithTier(root.orgId);
  const id = await createOk(tier, { name: 'Db' });
  const params = { serviceId: tier.serviceId, id };
  const enable = (body: unknown) => invoke(enableCapability, { params, body, token: root.token });
  expect((await enable({ capability: 'AUTOSCALING', configuration: { minReplicas: 1, maxReplicas: 3 } })).status).toBe(200);
  expect((await enable({ capability: 'serverless' })).status).toBe(200);
  expect((await enable({ capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } })).status).toBe(200);
  return { params, enable };
}

describe('EnableResourceCapability', () => {
  it('enables with a configuration and replaces it on a second enable', async () => {
    const { params } = await withCapabilities();
    const list = await invoke(listCapabilities, { params, token: root.token });
    expect(list.json.capabilities).toContainEqual({ capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } });
    expect(list.json.capabilities).toHaveLength(2);
  });

  it('refuses an invalid capability name (400)', async () => {
    const { enable } = await withCapabilities();
    expect((await enable({ capability: 'not valid!' })).status).toBe(400);
  });
});

describe('ListResourceCapabilities', () => {
  it('lists every enabled capability with its configuration, names upper-cased', async () => {
    const { params } = await withCapabilities();
    const list = await invoke(listCapabilities, { params, token: root.token });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({
      capabilities: [
        { capability: 'SERVERLESS', configuration: {} },
        { capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } },
      ],
    });
  });

  it('is invisible to another org', async () => {
    const { params } = await withCapabilities();
    expect((await invoke(listCapabilities, { params, token: other.token })).status).toBe(404);
  });
});

describe('DisableResourceCapability', () => {
  it('disables by name in any case; one not enabled is 404', async () => {
    const { params } = await withCapabilities();
    expect((await invoke(disableCapability, { params, body: { capability: 'serverless' }, token: root.token })).status).toBe(200);
    const absent = await invoke(disableCapability, { params, body: { capability: 'SERVERLESS' }, token: root.token });
    expect(absent.status).toBe(404);
    expect(absent.json.message).toBe('capability not found');
    const left = await invoke(listCapabilities, { params, token: root.token });
    expect(left.json.capabilities).toHaveLength(1);
    expect(left.json.capabilities[0].capability).toBe('AUTOSCALING');
  });
});
