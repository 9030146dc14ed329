import { describe, expect, it } from 'vitest';
import { aggregateHealth, environmentSummaries, serviceView } from '#shared/domain/services.ts';
import { servicePlansOf, type PartitionItem } from '#shared/domain/service-plans.ts';
import type { ServiceItem } from '#shared/data/repositories/services.ts';

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

const env = (id: string, name: string, createdAt: string, sourceEnvironmentId = '') => ({
  pk: 'SVC#s-1',
  sk: `ENV#${id}`,
  entity: 'environment',
  environmentId: id,
  name,
  type: 'DEV',
  visibility: 'PRIVATE',
  sourceEnvironmentId,
  createdAt,
});

const items: PartitionItem[] = [
  service as unknown as PartitionItem,
  // Out of order on purpose: the view sorts by creation.
  env('se-prod', 'Production', '2024-01-03T00:00:00.000Z', 'se-dev'),
  env('se-dev', 'Dev', '2024-01-02T00:00:00.000Z'),
  { sk: 'UNIQUE#ENVNAME#dev' },
  { sk: 'MODEL#sm-1', serviceModelId: 'sm-1', modelType: 'BYOA', environmentId: 'se-dev' },
  {
    sk: 'TIER#pt-2',
    productTierId: 'pt-2',
    name: 'Premium',
    description: 'big',
    tierType: 'OMNISTRATE_DEDICATED_TENANCY',
    serviceModelId: 'sm-1',
    environmentId: 'se-dev',
    createdAt: '2024-01-05T00:00:00.000Z',
  },
  {
    sk: 'TIER#pt-1',
    productTierId: 'pt-1',
    name: 'Free',
    description: 'small',
    tierType: 'OMNISTRATE_MULTI_TENANCY',
    serviceModelId: 'sm-1',
    environmentId: 'se-dev',
    createdAt: '2024-01-04T00:00:00.000Z',
  },
];

describe('servicePlansOf', () => {
  it("lists an environment's tiers oldest first with the model type of their model", () => {
    expect(servicePlansOf(items, 'se-dev')).toEqual([
      { productTierID: 'pt-1', name: 'Free', description: 'small', tierType: 'OMNISTRATE_MULTI_TENANCY', modelType: 'BYOA' },
      { productTierID: 'pt-2', name: 'Premium', description: 'big', tierType: 'OMNISTRATE_DEDICATED_TENANCY', modelType: 'BYOA' },
    ]);
    expect(servicePlansOf(items, 'se-prod')).toEqual([]);
  });
});

describe('serviceView', () => {
  it('carries every required field and the environments in creation order with their source names', () => {
    const view = serviceView(service, items, { serviceProviderId: 'sp-1', name: 'Acme' }, 'editor');
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
    const a = JSON.stringify(environmentSummaries(items));
    const b = JSON.stringify(environmentSummaries([...items].reverse()));
    expect(a).toBe(b);
  });

  it('shows no environments for a new service', () => {
    expect(serviceView(service, [service as unknown as PartitionItem], { serviceProviderId: 'sp', name: 'o' }, 'root').serviceEnvironments).toEqual([]);
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
});
