/**
 * Fixtures of the audit-events tests: callers of every audit-events-api operation, the keys that address a plan
 * of an offering (test/handler/subscription/fixtures.ts), and records written directly for past months.
 */
import { operation as listAll } from '#functions/audit-events/list-all-audit-events.ts';
import { operation as describeEvent } from '#functions/audit-events/describe-audit-event.ts';
import { operation as deprecatedDescribe } from '#functions/audit-events/deprecated-describe-audit-event.ts';
import { operation as listForPlan } from '#functions/audit-events/list-audit-events-for-service-plan.ts';
import { operation as deprecatedListForPlan } from '#functions/audit-events/deprecated-list-audit-events-for-service-plan.ts';
import { commit, withRetry } from '#shared/data/store.ts';
import { auditEvent, type AuditEventInput, type AuditEventItem } from '#shared/data/entities/audit-event.ts';
import { getService } from '#shared/data/entities/service.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getServiceApi, serviceApiIdOfEnvironment } from '#shared/data/entities/service-api.ts';
import { getServiceModel } from '#shared/data/entities/service-model.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { invoke } from '../../support/invoke.ts';
import type { Offering } from '../subscription/fixtures.ts';

export const listEvents = (token: string, query: Record<string, string> = {}) => invoke(listAll, { token, query });
export const describeEv = (token: string, id: string) => invoke(describeEvent, { token, params: { id } });
export const describeEvOld = (token: string, id: string) => invoke(deprecatedDescribe, { token, params: { id } });
export const planEvents = (token: string, params: PlanKeys, query: Record<string, string> = {}) => invoke(listForPlan, { token, params: { ...params }, query });
export const planEventsOld = (token: string, params: PlanKeys, query: Record<string, string> = {}) => invoke(deprecatedListForPlan, { token, params: { ...params }, query });

export interface PlanKeys {
  serviceProviderId: string;
  serviceKey: string;
  serviceAPIVersion: string;
  serviceEnvironmentKey: string;
  serviceModelKey: string;
  productTierKey: string;
}

/** The keys of the offering's plan `productTierId` (what instance paths carry). */
export async function planKeys(o: Offering, productTierId: string): Promise<PlanKeys> {
  const orgId = o.provider.orgId;
  const [service, env, tier, apiId] = await Promise.all([
    getService(orgId, o.serviceId),
    getEnvironment(orgId, o.serviceId, o.environmentId),
    getProductTier(orgId, o.serviceId, productTierId),
    serviceApiIdOfEnvironment(o.serviceId, o.environmentId),
  ]);
  const [api, model] = await Promise.all([getServiceApi(orgId, o.serviceId, apiId!), getServiceModel(orgId, o.serviceId, tier.serviceModelId)]);
  return { serviceProviderId: orgId, serviceKey: service.key, serviceAPIVersion: api.apiVersion, serviceEnvironmentKey: env.key, serviceModelKey: model.key, productTierKey: tier.key };
}

/** Appends one record at `at` (the way a mutation's plan appends it). */
export async function recordAt(input: Partial<AuditEventInput> & { providerOrgId: string }, at: Date): Promise<AuditEventItem> {
  const item = auditEvent({ eventSource: 'System', eventType: 'TestEvent', message: `at ${at.toISOString()}`, userId: '', userName: '', ...input }, at);
  await withRetry(() => commit({ appends: [item] }));
  return item;
}
