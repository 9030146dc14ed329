/** EnableResourceCapability, ListResourceCapabilities, DisableResourceCapability. */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as enableCapability } from '#functions/resource/enable-resource-capability.ts';
import { operation as listCapabilities } from '#functions/resource/list-resource-capabilities.ts';
import { operation as disableCapability } from '#functions/resource/disable-resource-capability.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';
import { addTier, create, createOk, describeIt, multipart, resourceSessions, serviceWithTier, type TierFixture } from '../../support/resource-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  ({ root, other, reader } = await resourceSessions());
});

describe('EnableResourceCapability', () => {
  it('enables with a configuration, replaces, lists, and disables by name', async () => {
    const tier = await serviceWithTier(root.orgId);
    const id = await createOk(tier, { name: 'Db' });
    const params = { serviceId: tier.serviceId, id };
    const enable = (body: unknown) => invoke(enableCapability, { params, body, token: root.token });
    expect((await enable({ capability: 'AUTOSCALING', configuration: { minReplicas: 1, maxReplicas: 3 } })).status).toBe(200);
    expect((await enable({ capability: 'serverless' })).status).toBe(200);
    expect((await enable({ capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } })).status).toBe(200);
    const list = await invoke(listCapabilities, { params, token: root.token });
    expect(list.json).toEqual({
      capabilities: [
        { capability: 'SERVERLESS', configuration: {} },
        { capability: 'AUTOSCALING', configuration: { minReplicas: 2, maxReplicas: 5 } },
      ],
    });
    expect((await enable({ capability: 'not valid!' })).status).toBe(400);
    expect((await invoke(disableCapability, { params, body: { capability: 'serverless' }, token: root.token })).status).toBe(200);
    const absent = await invoke(disableCapability, { params, body: { capability: 'SERVERLESS' }, token: root.token });
    expect(absent.status).toBe(404);
    expect(absent.json.message).toBe('capability not found');
    expect((await invoke(listCapabilities, { params, token: root.token })).json.capabilities).toHaveLength(1);
  });
});
