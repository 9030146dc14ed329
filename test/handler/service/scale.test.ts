/**
 * Reads that stay correct and cheap as a service's partition grows: DescribeService and ListService read
 * the service item and its environment, tier and model ranges only — never its resources or change records —
 * and every list they answer is complete past one DynamoDB page (1 MB).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { operation as listService } from '#functions/service/list-service.ts';
import { operation as serviceHealth } from '#functions/service/service-health.ts';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as createEnvironment } from '#functions/service-environment/create-service-environment.ts';
import { operation as listEnvironments } from '#functions/service-environment/list-service-environment.ts';
import { operation as listPlans } from '#functions/service-plan/list-service-plans.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { commit, stamp } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { SERVICE_LIMITS } from '#shared/data/entities/service.ts';
import { invoke } from '../../support/invoke.ts';
import { recordReads, seedItems, type Read } from '../../support/seed.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { serviceTree, type Tree } from '../../support/tree-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession('root', 'Scale Org');
});

const pad = (n: number) => String(n).padStart(5, '0');
const filler = (bytes: number) => 'x'.repeat(bytes);

async function tier(svc: string, serviceModelId: string, name: string): Promise<string> {
  const res = await invoke(createTier, {
    token: root.token,
    params: { serviceId: svc },
    body: { serviceModelId, name, description: `${name} tier`, planDescription: '', tierType: 'OMNISTRATE_MULTI_TENANCY' },
  });
  expect(res.status, res.body).toBe(200);
  return res.json;
}

/** The reads made in the service's partition (auth and provider reads are the same whatever it holds). */
const inService = (reads: Read[], svc: string) =>
  reads
    .filter((r) => r.partition === keys.service(svc).pk)
    .map(({ command, prefix, items }) => ({ command, prefix, items }))
    .sort((a, b) => `${a.command}${a.prefix}`.localeCompare(`${b.command}${b.prefix}`));

/** Realistically sized children that DescribeService must not read: resources and change records. */
function otherChildren(orgId: string, t: Tree, tierId: string, n: number): object[] {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? stamp({
          ...keys.resource(t.svc, `r-${pad(i)}`),
          entity: 'resource',
          orgId,
          serviceId: t.svc,
          productTierId: tierId,
          resourceId: `r-${pad(i)}`,
          name: `Resource ${i}`,
          key: `resource${i}`,
          description: filler(1000),
        })
      : stamp({
          ...keys.changeRecord(t.svc, tierId, new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(), pad(i)),
          entity: 'change',
          orgId,
          serviceId: t.svc,
          productTierId: tierId,
          changedEntity: 'resource',
          kind: 'NEW',
          detail: filler(400),
        }),
  );
}

describe('DescribeService', () => {
  it('is the same answer, from the same reads, with 10 or with 3,000 other children in the partition', async () => {
    const t = await serviceTree(root.token, 'Big Partition');
    const gold = await tier(t.svc, t.hosted, 'Gold');
    await tier(t.svc, t.byoa, 'Own');
    const describe = () => invoke(describeService, { token: root.token, params: { id: t.svc } });

    await seedItems(otherChildren(root.orgId, t, gold, 10));
    const small = await recordReads(describe);
    expect(small.result.status).toBe(200);
    expect(small.result.json.serviceEnvironments.map((e: { name: string }) => e.name)).toEqual(['Dev', 'Prod']);
    expect(small.result.json.serviceEnvironments[0].servicePlans.map((p: { name: string }) => p.name)).toEqual(['Gold', 'Own']);

    await seedItems(otherChildren(root.orgId, t, gold, 3_000));
    const big = await recordReads(describe);
    expect(big.result.status).toBe(200);
    expect(big.result.json).toEqual(small.result.json);
    // One Query of the overview range, one page, reading only the items it answers from (the service, 2
    // environments, 2 models, 2 tiers).
    const shape = inService(big.reads, t.svc);
    expect(shape).toEqual(inService(small.reads, t.svc));
    expect(shape).toEqual([{ command: 'QueryCommand', prefix: keys.serviceOverview(t.svc).prefix, items: 7 }]);

    // ListService shows the same service with every environment and plan.
    const listed = await invoke(listService, { token: root.token });
    expect(listed.json.services.find((s: { id: string }) => s.id === t.svc)).toEqual(big.result.json);
    // ServiceHealth reads the environments only.
    const health = await recordReads(() => invoke(serviceHealth, { token: root.token, params: { id: t.svc } }));
    expect(health.result.json.report).toEqual({ [t.dev.env]: 'N/A', [t.prod.env]: 'N/A' });
    expect(inService(health.reads, t.svc).map((r) => r.prefix)).toEqual([undefined, keys.environmentsOfService(t.svc).prefix]);
  });
});

describe('CreateServiceEnvironment', () => {
  it(`takes the service to ${SERVICE_LIMITS.environments} environments (past one 1 MB page) without reading them, then refuses`, async () => {
    const svc = (await invoke(createService, { token: root.token, body: { name: 'Many Environments', description: '' } })).json as string;
    const max = SERVICE_LIMITS.environments;
    // Largest allowed environments (8 KiB description, 16 KiB public key): the range is over 1 MB.
    const seeded = Array.from({ length: max - 1 }, (_, i) =>
      stamp({
        ...keys.environment(svc, `se-seed${pad(i)}`),
        entity: 'environment',
        environmentId: `se-seed${pad(i)}`,
        serviceId: svc,
        orgId: root.orgId,
        name: `Seeded ${i}`,
        key: `seeded-${i}`,
        description: filler(8 * 1024),
        type: 'DEV',
        visibility: 'PRIVATE',
        deploymentConfigId: 'dc-seeded',
        sourceEnvironmentId: '',
        serviceAuthPublicKey: filler(16 * 1024),
        autoApproveSubscription: false,
      }),
    );
    await seedItems(seeded);
    await commit({ counters: [{ key: keys.service(svc), add: { environmentCount: max - 1 }, entity: 'service' }] });

    const last = await recordReads(() =>
      invoke(createEnvironment, { token: root.token, params: { serviceId: svc }, body: { name: 'Seeded 1 Copy', description: '', deploymentConfigId: 'default' } }),
    );
    expect(last.result.status, last.result.body).toBe(200);
    // Uniqueness from guards: no read of the sibling environments.
    expect(last.reads.some((r) => r.prefix === keys.environmentsOfService(svc).prefix)).toBe(false);
    // A free derived key is taken optimistically: not even the guards starting with it are read.
    expect(last.reads.some((r) => r.prefix === keys.environmentKeyGuardsStartingWith(svc, 'seeded-1-copy').prefix)).toBe(false);

    const refused = await invoke(createEnvironment, { token: root.token, params: { serviceId: svc }, body: { name: 'One Too Many', description: '', deploymentConfigId: 'default' } });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain(`at most ${max} environments`);

    const listed = await recordReads(() => invoke(listEnvironments, { token: root.token, params: { serviceId: svc } }));
    expect(listed.result.json.ids).toHaveLength(max);
    expect(listed.result.json.ids).toContain(last.result.json);
    expect(listed.result.json.nextPageToken).toBeUndefined();
    expect(listed.reads.filter((r) => r.prefix === keys.environmentsOfService(svc).prefix).length).toBeGreaterThan(1);
    const described = await invoke(describeService, { token: root.token, params: { id: svc } });
    expect(described.json.serviceEnvironments).toHaveLength(max);
  });
});

describe('ListServicePlans', () => {
  it('answers every plan of an environment past one 1 MB page, and DescribeService shows them all', async () => {
    const t = await serviceTree(root.token, 'Many Plans');
    const count = 200;
    const tiers = Array.from({ length: count }, (_, i) =>
      stamp({
        ...keys.productTier(t.svc, `pt-seed${pad(i)}`),
        entity: 'productTier',
        orgId: root.orgId,
        serviceId: t.svc,
        productTierId: `pt-seed${pad(i)}`,
        environmentId: t.dev.env,
        serviceApiId: t.dev.api,
        serviceModelId: t.hosted,
        modelType: 'OMNISTRATE_HOSTED',
        name: `Plan ${pad(i)}`,
        key: `plan-${i}`,
        description: '',
        planDescription: filler(6 * 1024),
        tierType: 'OMNISTRATE_MULTI_TENANCY',
        pricing: {},
        features: {},
      }),
    );
    await seedItems(tiers);
    const res = await recordReads(() => invoke(listPlans, { token: root.token, params: { serviceId: t.svc, serviceEnvironmentId: t.dev.env } }));
    expect(res.result.status).toBe(200);
    expect(res.result.json.servicePlans).toHaveLength(count);
    expect(res.reads.filter((r) => r.prefix === keys.productTiersOfService(t.svc).prefix).length).toBeGreaterThan(1);
    const described = await invoke(describeService, { token: root.token, params: { id: t.svc } });
    const dev = described.json.serviceEnvironments.find((e: { id: string }) => e.id === t.dev.env);
    expect(dev.servicePlans).toHaveLength(count);
  });
});
