/**
 * Environment promotion (PromoteServiceEnvironment, PromoteServiceEnvironmentStatus, and the steps of the
 * `promote-environment` workflow): every plan released in an environment is carried into the environments
 * promoted from it (those whose `sourceEnvironmentId` is this one), with the same names and keys and new ids,
 * together with its released versions, which keep their version numbers, types and statuses.
 *
 * How one plan is carried (`promotePlan`), every step idempotent so a retried or resumed step is harmless:
 * 1. the target environment's service API, the model with the source model's key and the tier with the
 *    source tier's key are found, or created like the source's;
 * 2. each released source version the target does not hold yet, oldest first, is placed in the target tier
 *    (copy-definition.ts), put in place of its current definition (the restore planner, as a discard does)
 *    and released there under the same version number;
 * 3. the statuses of the versions both hold are mirrored (Preferred, Deprecated).
 * PromoteServiceEnvironment does steps 1–2 in the request for every target plan that holds no version yet
 * (clients use the target right after the answer), then starts the workflow, which does the rest.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '#shared/auth/caller.ts';
import { Conflict, InvalidState, NotFound } from '#shared/errors.ts';
import { environmentsOf, getEnvironment, type EnvironmentItem } from '#shared/data/entities/environment.ts';
import { getServiceApi, serviceApiIdOfEnvironment } from '#shared/data/entities/service-api.ts';
import { getServiceModel, serviceModelByKey, serviceModelsOfApi, type ServiceModelItem } from '#shared/data/entities/service-model.ts';
import { getProductTier, productTierByKey, productTierRefsOfModel, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { newestChangeMark, releaseStateOf, versionSetPage, type VersionSetItem } from '#shared/data/entities/tier-version-set.ts';
import { startWorkflow } from '#shared/workflows/start.ts';
import { causeMessage } from '#shared/domain/workflow-execution.ts';
import { createServiceAPI } from '#shared/use-cases/service-api.ts';
import { createServiceModelLike } from '#shared/use-cases/service-model.ts';
import { createProductTierLike } from '#shared/use-cases/product-tier.ts';
import { loadTierDefinition } from '#shared/use-cases/tier-definition.ts';
import { definitionOf, releaseTierVersion } from '#shared/use-cases/tier-version-set/release.ts';
import { deprecateTierVersionSet, promoteTierVersionSet } from '#shared/use-cases/tier-version-set/version-set.ts';
import { applyTierDefinition } from '#shared/use-cases/service-api/restore.ts';
import { holdsSameDefinition, placeRelease } from '#shared/use-cases/promotion/copy-definition.ts';

type Who = Pick<Caller, 'orgId' | 'userId' | 'email'>;
type Org = Pick<Caller, 'orgId'>;

export const PROMOTE_WORKFLOW = 'promote-environment';

/** How long one step keeps putting a large definition in place before it stops (the step is then retried). */
const APPLY_BUDGET_MS = 240_000;

/** One plan to carry into one target environment. */
export interface PlanToPromote {
  targetEnvironmentId: string;
  sourceProductTierId: string;
}

export interface PromotionInput {
  serviceId: string;
  sourceEnvironmentId: string;
  /** Who asked: the versions released in the targets name them. */
  userId: string;
  email: string;
}

/** The environments promoted from `source`, oldest first. */
async function targetsOf(orgId: string, serviceId: string, sourceEnvironmentId: string): Promise<EnvironmentItem[]> {
  return (await environmentsOf(serviceId)).filter((e) => e.orgId === orgId && e.sourceEnvironmentId === sourceEnvironmentId);
}

/** The plans of an environment with at least one released version, oldest first. */
async function releasedPlansOf(orgId: string, serviceId: string, environmentId: string): Promise<ProductTierItem[]> {
  const apiId = await serviceApiIdOfEnvironment(serviceId, environmentId);
  if (!apiId) return [];
  const models = await serviceModelsOfApi(serviceId, apiId);
  const refs = (await Promise.all(models.map((m) => productTierRefsOfModel(serviceId, m.serviceModelId)))).flat();
  const tiers = await Promise.all(refs.map((r) => getProductTier(orgId, serviceId, r.productTierId).catch(() => undefined)));
  return tiers.filter((t): t is ProductTierItem => t !== undefined && releaseStateOf(t)?.latestReleased !== undefined);
}

/** Every version set of a tier, oldest first (every page). */
async function versionSetsOf(serviceId: string, productTierId: string): Promise<VersionSetItem[]> {
  const all: VersionSetItem[] = [];
  let pageToken: string | undefined;
  do {
    const page = await versionSetPage(serviceId, productTierId, 100, pageToken);
    all.push(...page.items.filter((s) => s.entity === 'tierVersionSet'));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return all.sort((a, b) => a.seq - b.seq);
}

const released = (sets: VersionSetItem[]) => sets.filter((s) => s.status !== 'Pending');

/** Runs `create`, or on a key taken meanwhile (a concurrent promotion) finds what took it. */
async function findOrCreate<T>(find: () => Promise<T>, create: () => Promise<unknown>): Promise<T> {
  try {
    return await find();
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
  }
  try {
    await create();
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
  }
  return find();
}

/** Step 1: the target's tier for the source tier (with its API and model), found by keys or created. */
async function targetTierFor(caller: Who, source: ProductTierItem, targetEnvironmentId: string): Promise<ProductTierItem> {
  const { orgId } = caller;
  const { serviceId } = source;
  const sourceModel: ServiceModelItem = await getServiceModel(orgId, serviceId, source.serviceModelId);
  const sourceApi = await getServiceApi(orgId, serviceId, source.serviceApiId);
  const apiId = await findOrCreate(
    async () => {
      const id = await serviceApiIdOfEnvironment(serviceId, targetEnvironmentId);
      if (!id) throw new NotFound('service API');
      return id;
    },
    () => createServiceAPI(caller, { serviceId }, { serviceEnvironmentId: targetEnvironmentId, apiVersion: sourceApi.apiVersion, description: sourceApi.description }),
  );
  const model = await findOrCreate(
    () => serviceModelByKey(orgId, serviceId, apiId, sourceModel.key),
    () => createServiceModelLike(caller, apiId, sourceModel),
  );
  return findOrCreate(
    () => productTierByKey(orgId, serviceId, model.serviceModelId, source.key),
    () => createProductTierLike(caller, model.serviceModelId, source),
  );
}

export interface PlanPromotion {
  targetProductTierId: string;
  /** Versions released in the target by this step. */
  copied: string[];
  /** Versions whose status was mirrored. */
  mirrored: string[];
}

/** Steps 2 and 3 for one plan (with `firstOnly`, only when the target holds no version yet). */
export async function promotePlan(caller: Who, serviceId: string, plan: PlanToPromote, opts: { firstOnly: boolean }): Promise<PlanPromotion> {
  const { orgId } = caller;
  const source = await getProductTier(orgId, serviceId, plan.sourceProductTierId);
  const target = await targetTierFor(caller, source, plan.targetEnvironmentId);
  const [sourceSets, targetSets] = await Promise.all([versionSetsOf(serviceId, source.productTierId), versionSetsOf(serviceId, target.productTierId)]);
  const result: PlanPromotion = { targetProductTierId: target.productTierId, copied: [], mirrored: [] };
  if (opts.firstOnly && released(targetSets).length > 0) return result;
  const held = new Map(targetSets.map((s) => [s.tierVersion, s]));
  for (const set of released(sourceSets)) {
    if (held.has(set.tierVersion)) continue;
    await copyVersion(caller, set, target);
    result.copied.push(set.tierVersion);
  }
  const after = new Map((await versionSetsOf(serviceId, target.productTierId)).map((s) => [s.tierVersion, s]));
  for (const set of released(sourceSets)) {
    const there = after.get(set.tierVersion);
    if (!there || there.status === set.status) continue;
    const path = { serviceId, productTierId: target.productTierId, version: set.tierVersion };
    if (set.status === 'Preferred') await promoteTierVersionSet(caller, path);
    else if (set.status === 'Deprecated' && there.status !== 'Preferred') await deprecateTierVersionSet(caller, path);
    else continue;
    result.mirrored.push(set.tierVersion);
  }
  return result;
}

/** One released version into the target tier: its definition put in place, then released under its number. */
async function copyVersion(caller: Who, set: VersionSetItem, target: ProductTierItem): Promise<void> {
  const { orgId } = caller;
  const { serviceId, productTierId } = target;
  const release = await definitionOf(set);
  const mark = await newestChangeMark(serviceId, productTierId);
  await applyTierDefinition({
    orgId,
    serviceId,
    productTierId,
    mark,
    budgetMs: APPLY_BUDGET_MS,
    partlyDone: `promoting version ${set.tierVersion} into plan ${target.name} is partly done; the promotion retries it`,
    // Placed against the target as it is now, so a round after a partial one reuses the ids it created.
    desired: async () => {
      const [tier, current] = await Promise.all([getProductTier(orgId, serviceId, productTierId), loadTierDefinition(orgId, serviceId, productTierId)]);
      return placeRelease(release, { tier, current: current.resources });
    },
  });
  await releaseTierVersion(caller, {
    serviceId,
    productTierId,
    type: set.type,
    name: set.type === 'UserDefined' ? set.tierVersion : set.name,
    description: set.description,
    preferred: set.status === 'Preferred',
    dryRun: false,
    mirror: set.tierVersion,
  });
}

/**
 * PromoteServiceEnvironment: refused (409) when no environment is promoted from this one or nothing is
 * released in it. Each target plan that holds no version yet gets its plan and versions now; the workflow
 * then brings every new version over and mirrors the statuses. Answers once the workflow is started.
 */
export async function promoteServiceEnvironment(caller: Who, params: { serviceId: string; id: string }): Promise<void> {
  const { orgId } = caller;
  const { serviceId, id } = params;
  const source = await getEnvironment(orgId, serviceId, id);
  const targets = await targetsOf(orgId, serviceId, id);
  if (!targets.length) {
    throw new InvalidState(`no environment is promoted from environment ${source.name}: create one with sourceEnvironmentId ${id} first`);
  }
  const plans = await releasedPlansOf(orgId, serviceId, id);
  if (!plans.length) throw new InvalidState(`nothing is released in environment ${source.name}: release a plan before promoting it`);
  for (const target of targets) {
    for (const tier of plans) {
      await promotePlan(caller, serviceId, { targetEnvironmentId: target.environmentId, sourceProductTierId: tier.productTierId }, { firstOnly: true });
    }
  }
  const input: PromotionInput = { serviceId, sourceEnvironmentId: id, userId: caller.userId, email: caller.email };
  await startWorkflow(PROMOTE_WORKFLOW, {
    orgId,
    executionName: `promote-${id}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    subject: { serviceId, environmentId: id },
    input: { ...input },
  });
}

/** Workflow step: the (target, plan) pairs to carry, read afresh (plans released since the request included). */
export async function listPlansToPromote(orgId: string, input: PromotionInput): Promise<{ items: PlanToPromote[]; next: number; done: boolean }> {
  const { serviceId, sourceEnvironmentId } = input;
  const [targets, plans] = await Promise.all([targetsOf(orgId, serviceId, sourceEnvironmentId), releasedPlansOf(orgId, serviceId, sourceEnvironmentId)]);
  const items = targets.flatMap((t) => plans.map((p) => ({ targetEnvironmentId: t.environmentId, sourceProductTierId: p.productTierId })));
  return { items, next: 0, done: items.length === 0 };
}

/** Workflow step: carries the next pair of the list; `done` once every pair is carried. */
export async function promoteNextPlan(
  orgId: string,
  input: PromotionInput & { plans: { items: PlanToPromote[]; next: number } },
): Promise<{ items: PlanToPromote[]; next: number; done: boolean; last: PlanPromotion | undefined }> {
  const { items, next } = input.plans;
  const plan = items[next];
  const last = plan ? await promotePlan({ orgId, userId: input.userId, email: input.email }, input.serviceId, plan, { firstOnly: false }) : undefined;
  return { items, next: next + 1, done: next + 1 >= items.length, last };
}

/** PromoteServiceEnvironmentStatus, per target: IN_SYNC when the target holds the source's releases, compared for real. */
export async function promoteServiceEnvironmentStatus(caller: Org, params: { serviceId: string; id: string }) {
  const { orgId } = caller;
  const { serviceId, id } = params;
  await getEnvironment(orgId, serviceId, id);
  const [targets, plans] = await Promise.all([targetsOf(orgId, serviceId, id), releasedPlansOf(orgId, serviceId, id)]);
  return Promise.all(
    targets.map(async (t) => ({ targetEnvironmentID: t.environmentId, status: await syncStatus(orgId, serviceId, plans, t.environmentId) })),
  );
}

/**
 * IN_SYNC: every released plan of the source has its tier in the target, holding every released version of
 * the source with the same status, and the newest of them holds the same definition. UNKNOWN when the source
 * has released nothing (there is nothing to compare).
 */
async function syncStatus(orgId: string, serviceId: string, plans: ProductTierItem[], targetEnvironmentId: string): Promise<'IN_SYNC' | 'OUT_OF_SYNC' | 'UNKNOWN'> {
  if (!plans.length) return 'UNKNOWN';
  const apiId = await serviceApiIdOfEnvironment(serviceId, targetEnvironmentId);
  if (!apiId) return 'OUT_OF_SYNC';
  for (const source of plans) {
    const sourceModel = await getServiceModel(orgId, serviceId, source.serviceModelId);
    const target = await serviceModelByKey(orgId, serviceId, apiId, sourceModel.key)
      .then((m) => productTierByKey(orgId, serviceId, m.serviceModelId, source.key))
      .catch((e: unknown) => {
        if (e instanceof NotFound) return undefined;
        throw e;
      });
    if (!target) return 'OUT_OF_SYNC';
    const [sourceSets, targetSets] = await Promise.all([versionSetsOf(serviceId, source.productTierId), versionSetsOf(serviceId, target.productTierId)]);
    const held = new Map(targetSets.map((s) => [s.tierVersion, s]));
    const wanted = released(sourceSets);
    if (wanted.some((s) => held.get(s.tierVersion)?.status !== s.status)) return 'OUT_OF_SYNC';
    const newest = wanted[wanted.length - 1];
    const [a, b] = await Promise.all([definitionOf(newest), definitionOf(held.get(newest.tierVersion)!)]);
    if (!holdsSameDefinition(a.definition, b.definition)) return 'OUT_OF_SYNC';
  }
  return 'IN_SYNC';
}

/** Workflow step, last: what each target holds now, compared for real (kept on the execution record). */
export async function recordPromotion(orgId: string, input: PromotionInput & { plans: PlanToPromote[] }) {
  const { serviceId, sourceEnvironmentId } = input;
  const [targets, plans] = await Promise.all([targetsOf(orgId, serviceId, sourceEnvironmentId), releasedPlansOf(orgId, serviceId, sourceEnvironmentId)]);
  const statuses = await Promise.all(targets.map(async (t) => ({ targetEnvironmentID: t.environmentId, status: await syncStatus(orgId, serviceId, plans, t.environmentId) })));
  return { plansCarried: input.plans.length, targets: statuses };
}

/** Workflow step on failure: the real error and its message, for the execution record; nothing is half-promoted. */
export function recordPromotionFailure(error: { Error: string; Cause?: string }): Promise<{ error: string; message: string }> {
  return Promise.resolve({ error: error.Error, message: causeMessage(error.Cause) });
}
