import { describe, expect, it } from 'vitest';
import { aggregateHealth, environmentSummaries, healthReport, serviceView } from '#shared/domain/service.ts';
import { servicePlansOf } from '#shared/domain/service-plan.ts';
import { environmentView } from '#shared/domain/environment.ts';
import type { ServiceItem, ServiceOverview } from '#shared/data/entities/service.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { ServiceModelItem } from '#shared/data/entities/service-model.ts';

const service = {
  pk: 'SVC#s-1',
  sk: '#SERVICE',
  entity: 'service',
  serviceId: 's-1',
  orgId: 'org-1',
  name: 'MySQL',
  key: 'mysql',
  description: 'db',
  serviceLogoURL: '',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 3,
  gsi1pk: 'x',
  gsi1sk: 'y',
} as ServiceItem;

const env = (id: string, name: string, createdAt: string, sourceEnvironmentId = '') =>
  ({
    pk: 'SVC#s-1',
    sk: `ENV#${id}`,
    entity: 'environment',
    environmentId: id,
    serviceId: 's-1',
    orgId: 'org-1',
    name,
    key: name.toLowerCase(),
    description: '',
    type: 'DEV',
    visibility: 'PRIVATE',
    deploymentConfigId: 'dc-1',
    sourceEnvironmentId,
    serviceAuthPublicKey: '',
    autoApproveSubscription: false,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  }) as EnvironmentItem;

const tier = (id: string, name: string, createdAt: string, extra: Partial<ProductTierItem> = {}) =>
  ({
    sk: `TIER#${id}`,
    entity: 'productTier',
    productTierId: id,
    name,
    description: name.toLowerCase(),
    tierType: 'OMNISTRATE_MULTI_TENANCY',
    serviceModelId: 'sm-1',
    environmentId: 'se-dev',
    modelType: 'OMNISTRATE_HOSTED',
    createdAt,
    ...extra,
  }) as ProductTierItem;

const model = { sk: 'MODEL#sm-1', entity: 'serviceModel', serviceModelId: 'sm-1', modelType: 'BYOA' } as ServiceModelItem;

const overview: ServiceOverview = {
  service,
  // Out of order on purpose: the view sorts by creation.
  environments: [env('se-prod', 'Production', '2024-01-03T00:00:00.000Z', 'se-dev'), env('se-dev', 'Dev', '2024-01-02T00:00:00.000Z')],
  tiers: [
    tier('pt-2', 'Premium', '2024-01-05T00:00:00.000Z', { tierType: 'OMNISTRATE_DEDICATED_TENANCY' }),
    tier('pt-1', 'Free', '2024-01-04T00:00:00.000Z'),
  ],
  models: [model],
};

describe('servicePlansOf', () => {
  it("lists an environment's tiers oldest first with the model type of their model", () => {
    expect(servicePlansOf(overview.tiers, overview.models, 'se-dev')).toEqual([
      { productTierID: 'pt-1', name: 'Free', description: 'free', tierType: 'OMNISTRATE_MULTI_TENANCY', modelType: 'BYOA' },
      { productTierID: 'pt-2', name: 'Premium', description: 'premium', tierType: 'OMNISTRATE_DEDICATED_TENANCY', modelType: 'BYOA' },
    ]);
    expect(servicePlansOf(overview.tiers, overview.models, 'se-prod')).toEqual([]);
  });

  // Moved here from test/unit/product-tiers.test.ts (which still calls the deprecated sort-key shim).
  it("summaries take the model's type over the tier's copy", () => {
    const models = [{ serviceModelId: 'sm-1', modelType: 'CUSTOMER_HOSTED' }];
    const tiers = [
      tier('pt-1', 'A', '1', { environmentId: 'se-1', modelType: 'BYOA', tierType: 'CUSTOM' }),
      tier('pt-2', 'B', '2', { environmentId: 'se-1', modelType: 'BYOA', tierType: 'CUSTOM', serviceModelId: 'sm-gone' }),
    ];
    expect(servicePlansOf(tiers, models, 'se-1').map((p) => p.modelType)).toEqual(['CUSTOMER_HOSTED', 'BYOA']);
  });
});

describe('serviceView', () => {
  it('carries every required field and the environments in creation order with their source names', () => {
    const view = serviceView(overview, { serviceProviderId: 'sp-1', name: 'Acme' }, 'editor');
    expect(view).toMatchObject({
      id: 's-1',
      key: 'mysql',
      name: 'MySQL',
      description: 'db',
      createdAt: '2024-01-01T00:00:00.000Z',
      serviceProviderID: 'sp-1',
      serviceProviderName: 'Acme',
      roleType: 'editor',
    });
    expect(view.serviceEnvironments.map((e) => [e.id, e.sourceEnvironmentID, e.sourceEnvironmentName])).toEqual([
      ['se-dev', '', ''],
      ['se-prod', 'se-dev', 'Dev'],
    ]);
    expect(view.serviceEnvironments[0].servicePlans).toHaveLength(2);
  });

  it('is deterministic for the same items in any order', () => {
    const a = JSON.stringify(environmentSummaries(overview));
    const b = JSON.stringify(
      environmentSummaries({ environments: [...overview.environments].reverse(), tiers: [...overview.tiers].reverse(), models: overview.models }),
    );
    expect(a).toBe(b);
  });

  it('shows no environments for a new service', () => {
    expect(serviceView({ service, environments: [], tiers: [], models: [] }, { serviceProviderId: 'sp', name: 'o' }, 'root').serviceEnvironments).toEqual([]);
  });
});

describe('environmentView', () => {
  it('shows the stored environment with the caller role and no SaaS portal', () => {
    expect(environmentView(env('se-dev', 'Dev', '2024-01-02T00:00:00.000Z'), 'reader')).toMatchObject({
      id: 'se-dev',
      serviceId: 's-1',
      key: 'dev',
      roleType: 'reader',
      saasPortalStatus: '',
      saasPortalUrl: '',
    });
  });
});

describe('aggregateHealth', () => {
  it('reports N/A with nothing to judge and rolls up otherwise', () => {
    expect(aggregateHealth([])).toBe('N/A');
    expect(aggregateHealth(['HEALTHY', 'HEALTHY'])).toBe('HEALTHY');
    expect(aggregateHealth(['HEALTHY', 'UNHEALTHY'])).toBe('UNHEALTHY');
    expect(aggregateHealth(['STOPPED'])).toBe('STOPPED');
    expect(aggregateHealth(['HEALTHY', 'STOPPED'])).toBe('UNKNOWN');
  });

  it('reports each environment and the service over all of them', () => {
    expect(healthReport(overview.environments)).toEqual({ health: 'N/A', report: { 'se-prod': 'N/A', 'se-dev': 'N/A' } });
    const byEnv: Record<string, string[]> = { 'se-dev': ['HEALTHY'], 'se-prod': ['UNHEALTHY'] };
    expect(healthReport(overview.environments, (id) => byEnv[id])).toEqual({ health: 'UNHEALTHY', report: { 'se-prod': 'UNHEALTHY', 'se-dev': 'HEALTHY' } });
  });
});
