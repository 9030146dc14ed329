import { describe, expect, it } from 'vitest';
import { keys } from '#shared/data/keys.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { ResourceItem } from '#shared/data/entities/resource.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { FileItem } from '#shared/data/entities/resource-file.ts';
import { holdsSameDefinition, placeDefinition } from '#shared/use-cases/promotion/copy-definition.ts';
import type { ResourceDefinition, TierDefinition } from '#shared/use-cases/tier-definition.ts';

const SID = 's-service0001';
const at = '2026-01-01T00:00:00.000Z';

function tier(id: string, env: string): ProductTierItem {
  return {
    ...keys.productTier(SID, id),
    entity: 'productTier',
    orgId: 'org-1',
    serviceId: SID,
    productTierId: id,
    environmentId: env,
    serviceApiId: `sa-${env}`,
    serviceModelId: `sm-${env}`,
    modelType: 'OMNISTRATE_HOSTED',
    name: 'Standard',
    key: 'standard',
    description: `from ${env}`,
    planDescription: '',
    tierType: 'OMNISTRATE_DEDICATED_TENANCY',
    pricing: {},
    pricePerUnit: {},
    awsRegions: ['us-east-1'],
    gcpRegions: [],
    azureRegions: [],
    support: '',
    documentation: '',
    billingProductID: '',
    autoApproveSubscription: true,
    allowCreatesWhenPaymentNotConfigured: false,
    exportUsageMetering: false,
    exportUsageMeteringConfig: {},
    isDisabled: false,
    features: {},
    version: 3,
    createdAt: at,
    updatedAt: at,
  };
}

function resource(id: string, key: string, t: ProductTierItem, extra: Partial<ResourceItem> = {}): ResourceItem {
  return {
    ...keys.resource(SID, id),
    ...keys.resourceListing(SID, t.productTierId, at, id),
    entity: 'resource',
    orgId: t.orgId,
    serviceId: SID,
    environmentId: t.environmentId,
    serviceApiId: t.serviceApiId,
    serviceModelId: t.serviceModelId,
    productTierId: t.productTierId,
    resourceId: id,
    name: key,
    key,
    description: '',
    resourceType: 'Generic',
    internal: false,
    isProxy: false,
    isDeprecated: false,
    dependencies: [],
    actionHooks: [],
    capabilities: [],
    environmentVariables: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...extra,
  } as ResourceItem;
}

function input(id: string, key: string, r: ResourceItem, extra: Partial<InputParameterItem> = {}): InputParameterItem {
  return {
    ...keys.inputParameter(SID, id),
    ...keys.resourceChildListing(SID, r.resourceId, 'IP', at, id),
    entity: 'inputParameter',
    orgId: r.orgId,
    serviceId: SID,
    productTierId: r.productTierId,
    resourceId: r.resourceId,
    parameterId: id,
    key,
    name: key,
    description: '',
    type: 'String',
    required: false,
    modifiable: true,
    hasOptions: false,
    isList: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

function file(id: string, r: ResourceItem, mountPath: string): FileItem {
  return {
    ...keys.file(SID, id),
    ...keys.resourceChildListing(SID, r.resourceId, 'FILE', at, id),
    entity: 'file',
    orgId: r.orgId,
    serviceId: SID,
    productTierId: r.productTierId,
    resourceId: r.resourceId,
    fileId: id,
    name: 'conf',
    description: '',
    type: 'config',
    mountPath,
    size: 3,
    contentType: 'text/plain',
    blobKey: 'releases/x',
    uploadTime: at,
    uploadedBy: 'a@b.c',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const def = (r: ResourceItem, rest: Partial<ResourceDefinition> = {}): ResourceDefinition => ({
  resource: r,
  inputParameters: [],
  outputParameters: [],
  files: [],
  ...rest,
});

describe('placeDefinition (environment promotion copies a plan into the next environment)', () => {
  const devTier = tier('pt-dev0000001', 'se-dev');
  const db = resource('r-db0000001', 'db', devTier, { referencedBy: ['r-proxy00001'], parameterReferences: { 'ip-target0001': 'r-proxy00001' } });
  const proxy = resource('r-proxy00001', 'proxy', devTier, {
    dependencies: [{ resourceId: 'r-db0000001' }],
    l7LoadBalancerConfiguration: { paths: [{ path: '/', associatedResourceID: 'r-db0000001', port: 5432 }] },
  });
  const source: TierDefinition = {
    tier: devTier,
    resources: [
      def(db, { inputParameters: [input('ip-size000001', 'size', db)], files: [file('f-conf000001', db, '/etc/db.conf')] }),
      def(proxy, { inputParameters: [input('ip-target0001', 'target', proxy, { dependentResourceId: 'r-db0000001' })] }),
    ],
  };
  const prodTier = tier('pt-prod000001', 'se-prod');
  const prodDb = resource('r-proddb00001', 'db', prodTier);

  it('keeps names and keys, takes the target ids, and reuses ids the target already holds by key', () => {
    const placed = placeDefinition(source, { tier: prodTier, current: [def(prodDb, { inputParameters: [input('ip-prodsize01', 'size', prodDb)] })] });
    expect(placed.tier).toMatchObject({ productTierId: 'pt-prod000001', environmentId: 'se-prod', serviceModelId: 'sm-se-prod', description: 'from se-dev', version: 3 });
    expect(placed.tier.pk + placed.tier.sk).toBe(prodTier.pk + prodTier.sk);
    const [pdb, pproxy] = placed.resources;
    expect(pdb.resource.resourceId).toBe('r-proddb00001');
    expect(pdb.resource.key).toBe('db');
    expect(pdb.inputParameters[0].parameterId).toBe('ip-prodsize01');
    expect(pproxy.resource.resourceId).not.toBe('r-proxy00001');
    expect(pproxy.resource.resourceId).toMatch(/^r-[a-z0-9]{10}$/);
    for (const d of placed.resources) {
      expect(d.resource).toMatchObject({ productTierId: 'pt-prod000001', environmentId: 'se-prod', ...keys.resource(SID, d.resource.resourceId) });
      expect(d.resource.gsi1pk).toBe(keys.resourceListing(SID, 'pt-prod000001', at, d.resource.resourceId).gsi1pk);
      for (const p of d.inputParameters) {
        expect(p).toMatchObject({ resourceId: d.resource.resourceId, productTierId: 'pt-prod000001', ...keys.inputParameter(SID, p.parameterId) });
      }
    }
  });

  it('rewrites every reference between resources to the placed ids', () => {
    const placed = placeDefinition(source, { tier: prodTier, current: [] });
    const [pdb, pproxy] = placed.resources;
    const dbId = pdb.resource.resourceId;
    const proxyId = pproxy.resource.resourceId;
    const targetParam = pproxy.inputParameters[0];
    expect(pproxy.resource.dependencies).toEqual([{ resourceId: dbId }]);
    expect(pproxy.resource.l7LoadBalancerConfiguration?.paths?.[0].associatedResourceID).toBe(dbId);
    expect(targetParam.dependentResourceId).toBe(dbId);
    expect(pdb.resource.referencedBy).toEqual([proxyId]);
    expect(pdb.resource.parameterReferences).toEqual({ [targetParam.parameterId]: proxyId });
    expect(pdb.files[0]).toMatchObject({ resourceId: dbId, mountPath: '/etc/db.conf', ...keys.file(SID, pdb.files[0].fileId) });
    // Nothing of the source's ids survives in the copy.
    expect(JSON.stringify(placed)).not.toMatch(/r-db0000001|r-proxy00001|ip-target0001|pt-dev0000001|f-conf000001/);
  });
});

describe('holdsSameDefinition (PromoteServiceEnvironmentStatus compares for real)', () => {
  const devTier = tier('pt-dev0000001', 'se-dev');
  const db = resource('r-db0000001', 'db', devTier);
  const source: TierDefinition = { tier: devTier, resources: [def(db, { inputParameters: [input('ip-size000001', 'size', db)] })] };
  const prodTier = { ...tier('pt-prod000001', 'se-prod'), releasedChangeMark: 'CHANGE#x' } as ProductTierItem;

  it('is true for a placed copy whatever its write counts, and false once anything of the definition differs', () => {
    const placed = placeDefinition(source, { tier: prodTier, current: [] });
    expect((placed.tier as unknown as Record<string, unknown>).releasedChangeMark).toBe('CHANGE#x');
    const written: TierDefinition = {
      tier: { ...placed.tier, version: 9, updatedAt: '2026-02-02T00:00:00.000Z' },
      resources: placed.resources.map((d) => ({ ...d, resource: { ...d.resource, version: 4 } })),
    };
    expect(holdsSameDefinition(source, written)).toBe(true);
    expect(holdsSameDefinition(source, { ...written, tier: { ...written.tier, description: 'edited in prod' } })).toBe(false);
    expect(holdsSameDefinition(source, { ...written, resources: [] })).toBe(false);
    const renamed = written.resources.map((d) => ({ ...d, inputParameters: d.inputParameters.map((p) => ({ ...p, name: 'Size (GiB)' })) }));
    expect(holdsSameDefinition(source, { ...written, resources: renamed })).toBe(false);
  });
});
