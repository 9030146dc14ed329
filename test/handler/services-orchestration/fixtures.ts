/**
 * Fixtures of the services-orchestration tests: two released plans of one provider (two services, each the
 * resource-instance fixtures' App/Db/Cache plan), a DEV customer subscribed to both, the DSL written as YAML
 * and base64-encoded, and short callers of the five operations.
 */
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { operation as createOrch } from '#functions/services-orchestration/create-services-orchestration.ts';
import { operation as describeOrch } from '#functions/services-orchestration/describe-services-orchestration.ts';
import { operation as listOrch } from '#functions/services-orchestration/list-services-orchestrations.ts';
import { operation as modifyOrch } from '#functions/services-orchestration/modify-services-orchestration.ts';
import { operation as deleteOrch } from '#functions/services-orchestration/delete-services-orchestration.ts';
import { getServicesOrchestration, type ServicesOrchestrationItem } from '#shared/data/entities/services-orchestration.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession } from '../../support/session.ts';
import { waitForExecution } from '../../support/workflows.ts';
import { instancePlan, subscriber, type InstancePlan, type PlanPath } from '../resource-instance/fixtures.ts';
import { subscribed } from '../subscription/fixtures.ts';

export interface TwoServices {
  a: InstancePlan;
  b: InstancePlan;
  customer: Awaited<ReturnType<typeof subscriber>> & { subscriptionB: string };
}

export async function twoServices(): Promise<TwoServices> {
  const provider = await testSession('root', 'Orchestration Provider');
  const a = await instancePlan({}, provider);
  const b = await instancePlan({}, provider);
  const c = await subscriber(a);
  const subscriptionB = await subscribed(c.token, { provider, serviceId: b.plan.serviceId, environmentId: b.plan.environmentId, auto: b.plan.productTierId, approval: '', unreleased: '' });
  return { a, b, customer: { ...c, subscriptionB } };
}

/** A DSL deployment of the App resource of `plan` (password given unless `params` overrides it). */
export function deployment(alias: string, path: PlanPath, params: Record<string, unknown> = {}, dependsOn: string[] = []) {
  return {
    alias,
    serviceProviderId: path.serviceProviderId,
    service: path.serviceKey,
    serviceAPIVersion: path.serviceAPIVersion,
    environment: path.serviceEnvironmentKey,
    model: path.serviceModelKey,
    plan: path.productTierKey,
    resource: path.resourceKey,
    cloud_provider: 'aws',
    region: 'us-east-1',
    requestParams: { password: 'correct horse', ...params },
    ...(dependsOn.length ? { dependsOn } : {}),
  };
}

export const dsl = (doc: unknown) => Buffer.from(typeof doc === 'string' ? doc : stringify(doc)).toString('base64');

export const createO = (token: string, doc: unknown) => invoke(createOrch, { token, body: { orchestrationCreateDSL: dsl(doc) } });
export const describeO = (token: string, id: string) => invoke(describeOrch, { token, params: { id } });
export const listO = (token: string) => invoke(listOrch, { token });
export const modifyO = (token: string, id: string, doc: unknown) => invoke(modifyOrch, { token, params: { id }, body: { orchestrationModifyDSL: dsl(doc) } });
export const deleteO = (token: string, id: string) => invoke(deleteOrch, { token, params: { id } });

/** Waits for the orchestration's current run to end; answers the item (undefined: deleted). */
export async function runEnded(id: string): Promise<ServicesOrchestrationItem | undefined> {
  const item = await getServicesOrchestration(id);
  expect(item).toBeDefined();
  await waitForExecution(item!.runId, { timeoutMs: 60_000 });
  return getServicesOrchestration(id);
}
