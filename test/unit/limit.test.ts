/** The limit catalogue and its rules, and who sees which offerings (pure). */
import { describe, expect, it } from 'vitest';
import { SERVICE_LIMITS } from '#shared/data/entities/service.ts';
import { ORG_MEMBER_LIMIT } from '#shared/data/entities/org.ts';
import { MAX_RESOURCES_PER_TIER } from '#shared/data/entities/resource.ts';
import { MAX_PARAMETERS_PER_RESOURCE } from '#shared/data/entities/parameter.ts';
import { MAX_FILES_PER_RESOURCE } from '#shared/data/entities/resource-file.ts';
import { checkLimitChange, LIMIT_CATALOGUE, limitDefinition, limitsOfFamily } from '#shared/domain/limit.ts';
import { offeringScope } from '#shared/domain/service-offering.ts';

const value = (family: string, key: string) => limitDefinition(family, key).defaultValue;

describe('limit catalogue', () => {
  it('shows the fixed limits with the values the definition operations enforce', () => {
    expect(value('ORG', 'MAX_USERS_PER_ORG')).toBe(ORG_MEMBER_LIMIT);
    expect(value('SERVICE', 'MAX_ENVIRONMENTS_PER_SERVICE')).toBe(SERVICE_LIMITS.environments);
    expect(value('SERVICE', 'MAX_PRODUCT_TIERS_PER_SERVICE')).toBe(SERVICE_LIMITS.productTiers);
    expect(value('SERVICE', 'MAX_SERVICE_MODELS_PER_SERVICE')).toBe(SERVICE_LIMITS.serviceModels);
    expect(value('PRODUCT_TIER', 'MAX_RESOURCES_PER_PRODUCT_TIER')).toBe(MAX_RESOURCES_PER_TIER);
    expect(value('RESOURCE', 'MAX_INPUT_PARAMETERS_PER_RESOURCE')).toBe(MAX_PARAMETERS_PER_RESOURCE);
    expect(value('RESOURCE', 'MAX_OUTPUT_PARAMETERS_PER_RESOURCE')).toBe(MAX_PARAMETERS_PER_RESOURCE);
    expect(value('RESOURCE', 'MAX_FILES_PER_RESOURCE')).toBe(MAX_FILES_PER_RESOURCE);
  });

  it('has one entry per (family, key), defaults within their ceilings; finds families and keys in any case', () => {
    const ids = LIMIT_CATALOGUE.map((l) => `${l.family}/${l.key}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of LIMIT_CATALOGUE) expect(l.defaultValue).toBeLessThanOrEqual(l.ceiling);
    expect(limitDefinition(' org ', 'max_services_per_org').key).toBe('MAX_SERVICES_PER_ORG');
    expect(limitsOfFamily(undefined)).toHaveLength(LIMIT_CATALOGUE.length);
    expect(() => limitsOfFamily('COMPUTE')).toThrow(/not found/);
  });

  it('checkLimitChange: fixed limits and values past the ceiling are 400, below usage 409', () => {
    const services = limitDefinition('ORG', 'MAX_SERVICES_PER_ORG');
    expect(() => checkLimitChange(services, 10, 10)).not.toThrow();
    expect(() => checkLimitChange(services, 9, 10)).toThrow(expect.objectContaining({ name: 'InvalidState' }));
    expect(() => checkLimitChange(services, services.ceiling + 1, 0)).toThrow(expect.objectContaining({ name: 'BadRequest' }));
    expect(() => checkLimitChange(limitDefinition('SERVICE', 'MAX_ENVIRONMENTS_PER_SERVICE'), 10, 0)).toThrow(expect.objectContaining({ name: 'BadRequest' }));
  });
});

describe('offeringScope', () => {
  const customer = { customer: { providerOrgId: 'org-p', environmentType: 'PROD' as const } };
  it("holds a customer to its portal's type and PUBLIC; a provider sees what it asks for", () => {
    expect(offeringScope(customer, {})).toEqual({ environmentType: 'PROD', visibility: 'PUBLIC' });
    expect(offeringScope(customer, { environmentType: 'PROD', visibility: 'PUBLIC' })).toEqual({ environmentType: 'PROD', visibility: 'PUBLIC' });
    expect(offeringScope(customer, { environmentType: 'DEV' })).toBeUndefined();
    expect(offeringScope(customer, { visibility: 'PRIVATE' })).toBeUndefined();
    expect(offeringScope({}, {})).toEqual({ visibility: 'PUBLIC' });
    expect(offeringScope({}, { environmentType: 'DEV', visibility: 'PRIVATE' })).toEqual({ environmentType: 'DEV', visibility: 'PRIVATE' });
  });
});
