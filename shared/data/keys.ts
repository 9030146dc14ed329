/**
 * The only place that builds key strings: table keys, index keys, key ranges and guard scopes. See
 * docs/data-model.md for the design. Items are told apart by their `entity` attribute, never by parsing a key.
 *
 * Partitions:
 *   ORG#<orgId>        the org, its users, its deployment configs, uniqueness guards scoped to the org
 *   SVC#<serviceId>    a service and its whole definition tree (environments, APIs, models, tiers,
 *                      resources, parameters, files, change log) and the guards scoped to it
 *   EMAIL#<email>      global email uniqueness guard of provider users → userId/orgId (customer users:
 *                      a guard per provider, in ORG#<providerOrgId>)
 *   TOKEN#<sha256>     one-time verification/reset tokens (TTL)
 *   SESSION#<jti>      revoked sessions (TTL = token expiry)
 *   EXEC#<name>        a workflow execution's record and its local resume point
 *   SUB#<id>           a subscription and the roles users hold on it
 *   SUBR#<id>          a subscription request
 *   SNAP#<id>          an instance snapshot (listed under its instance on gsi1)
 *   BACKUP#<instId>    an instance's backup schedule (its gsi1 entry is the due index)
 *   INST#<id>          a resource instance
 *   INSTOF#<tier>#<r>  the instances of one plan resource (listing entries)
 *   INSTEVENTS#<id>    the audit events of one resource instance (copies of the log's records)
 *   AUDITMARK#<pk>|<sk> the audit facts of a deleted item (TTL), one per deletion
 *   DRIVER#<workId>    the record of one piece of deployment work (idempotency of driver starts)
 *   DRIVERCB#<id>      a callback driver's waiting step (its task token, the provider's report)
 *   ORCH#<id>          a services orchestration (listed under its org on gsi1)
 *   INVOICE#SUB#<id>   a subscription's invoices, by billing period start (INVOICENO#<org>: a provider's numbers)
 *   TASKTOKEN#<token>  locally: the answer to a wait-for-task-token step (what SendTaskSuccess/Failure would carry)
 */
import type { Key, KeyRange } from '#shared/data/store.ts';

/**
 * Sort-key tags of the items inside a service partition (`SVC#<serviceId>`). The service item (`#SERVICE`)
 * and the children a describe shows (environments, models, tiers) start with `#`, and nothing else in the
 * partition does: one Query on `begins_with(sk, '#')` reads exactly the service's overview.
 */
export const TREE = {
  environment: '#ENV',
  serviceApi: 'API',
  serviceModel: '#MODEL',
  productTier: '#TIER',
  resource: 'RES',
  inputParameter: 'IP',
  outputParameter: 'OP',
  file: 'FILE',
  /** Definition change log of a product tier (for pending changes / releases). */
  change: 'CHANGE',
  /** Tier version set headers (`VSET#<tierId>#<seq>`), in creation order. */
  versionSet: 'VSET',
  /** Release snapshot parts (`VSNAP#<tierId>#<releaseId>#R#<resourceId>#<chunk>`), written before their header. */
  versionSnapshot: 'VSNAP',
} as const;

/**
 * Uniqueness scopes. A guard item `UNIQUE#<scope>#<parent>#<value>` (or `<scope>#<value>` in the org
 * partition) exists while the value is taken. Every scope is distinct and none is a prefix of another
 * (test/unit/keys.test.ts), so two kinds of value can never reserve each other.
 */
export const GUARD_SCOPE = {
  // ORG#<orgId> partition
  serviceName: 'SVCNAME',
  serviceKey: 'SVCKEY',
  deploymentConfigName: 'DCNAME',
  // SVC#<serviceId> partition
  environmentName: 'ENVNAME',
  environmentKey: 'ENVKEY',
  serviceApiOfEnvironment: 'APIENV',
  serviceModelKey: 'MODELKEY',
  productTierKey: 'TIERKEY',
  resourceName: 'RESNAME',
  resourceKey: 'RESKEY',
  inputParameterKey: 'IPKEY',
  outputParameterKey: 'OPKEY',
  fileMountPath: 'FILEPATH',
  /** Tier version sets: a version string is unique within its tier (holds the set's sequence number). */
  tierVersion: 'TIERVERSION',
  // ORG#<customerOrgId> partition (subscriptions)
  /** One live (ACTIVE or SUSPENDED) subscription per customer org and plan; holds its subscriptionId. */
  liveSubscription: 'SUBLIVE',
  /** One PENDING subscription request per customer org and plan; holds its requestId. */
  pendingSubscriptionRequest: 'SUBRPENDING',

  // ORG#<providerOrgId> partition (customers)
  /** One customer user per email per provider (holds the user it points at). */
  customerEmail: 'CUSTEMAIL',

  // ORG#<customerOrgId> partition (resource instances)
  /** A create's `Idempotency-Key`, per calling user (holds the instance id it created). */
  instanceIdempotencyKey: 'INSTIDEM',

  // DNS#<name> partition (one per custom DNS name, across every org)
  /** A custom DNS name is held by one instance resource at a time (holds the instance id). */
  customDnsName: 'CUSTDNS',
} as const;

/** The children a resource lists under itself (gsi1). */
export type ResourceChildTag = typeof TREE.inputParameter | typeof TREE.outputParameter | typeof TREE.file;

const ORG = (orgId: string) => `ORG#${orgId}`;
const SVC = (serviceId: string) => `SVC#${serviceId}`;
const normalName = (name: string) => name.trim().toLowerCase();

/** A child of a service's tree. */
const child = (serviceId: string, tag: string, id: string): Key => ({ pk: SVC(serviceId), sk: `${tag}#${id}` });
/** Every child with `tag` in a service's partition. */
const children = (serviceId: string, tag: string): KeyRange => ({ partition: SVC(serviceId), prefix: `${tag}#` });
/** A guard inside a service's partition: `value` is unique among the children of `parent`. */
const treeGuard = (serviceId: string, scope: string, parent: string | undefined, value: string): Key => ({
  pk: SVC(serviceId),
  sk: parent === undefined ? `UNIQUE#${scope}#${value}` : `UNIQUE#${scope}#${parent}#${value}`,
});

export const keys = {
  // ------------------------------------------------------------------------------------ identity
  org: (orgId: string): Key => ({ pk: ORG(orgId), sk: '#ORG' }),
  user: (orgId: string, userId: string): Key => ({ pk: ORG(orgId), sk: `USER#${userId}` }),
  usersOfOrg: (orgId: string): KeyRange => ({ partition: ORG(orgId), prefix: 'USER#' }),
  emailGuard: (email: string): Key => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: '#EMAIL' }),
  oneTimeToken: (tokenHash: string): Key => ({ pk: `TOKEN#${tokenHash}`, sk: '#TOKEN' }),
  revokedSession: (jti: string): Key => ({ pk: `SESSION#${jti}`, sk: '#REVOKED' }),
  /** gsi2 (byId) attributes of a user: RegenerateToken's path carries only the user id. */
  userById: (userId: string) => ({ gsi2pk: `USER#${userId}`, gsi2sk: '#USER' }),
  userByIdRange: (userId: string): KeyRange => ({ partition: `USER#${userId}`, index: 'byId' }),

  // ------------------------------------------------------------------------------------ services
  service: (serviceId: string): Key => ({ pk: SVC(serviceId), sk: '#SERVICE' }),
  /** The service item and its environments, models and tiers (see TREE): what DescribeService answers from. */
  serviceOverview: (serviceId: string): KeyRange => ({ partition: SVC(serviceId), prefix: '#' }),
  /** The whole partition of a service: only for the cascade of DeleteService. */
  servicePartition: (serviceId: string): KeyRange => ({ partition: SVC(serviceId) }),
  /** gsi1 attributes listing a service under its org, in creation order (the id breaks same-millisecond ties). */
  serviceListing: (orgId: string, createdAt: string, serviceId: string) => ({
    gsi1pk: `${ORG(orgId)}#SERVICES`,
    gsi1sk: `${createdAt}#${serviceId}`,
  }),
  servicesOfOrg: (orgId: string): KeyRange => ({ partition: `${ORG(orgId)}#SERVICES`, index: 'byParent' }),
  serviceNameGuard: (orgId: string, name: string): Key => ({ pk: ORG(orgId), sk: `${GUARD_SCOPE.serviceName}#${normalName(name)}` }),
  serviceKeyGuard: (orgId: string, key: string): Key => ({ pk: ORG(orgId), sk: `${GUARD_SCOPE.serviceKey}#${key}` }),
  /** Service key guards whose key starts with `base` (to pick the next free derived key). */
  serviceKeyGuardsStartingWith: (orgId: string, base: string): KeyRange => ({
    partition: ORG(orgId),
    prefix: `${GUARD_SCOPE.serviceKey}#${base}`,
  }),

  // ---------------------------------------------------------------------------- deployment configs
  deploymentConfig: (orgId: string, id: string): Key => ({ pk: ORG(orgId), sk: `DC#${id}` }),
  deploymentConfigsOfOrg: (orgId: string): KeyRange => ({ partition: ORG(orgId), prefix: 'DC#' }),
  /** Points at the org's default deployment config (created with the org, or lazily on first use). */
  defaultDeploymentConfig: (orgId: string): Key => ({ pk: ORG(orgId), sk: 'DCDEFAULT' }),
  deploymentConfigNameGuard: (orgId: string, name: string): Key => ({
    pk: ORG(orgId),
    sk: `${GUARD_SCOPE.deploymentConfigName}#${normalName(name)}`,
  }),

  // ---------------------------------------------------------------------------------- environments
  environment: (serviceId: string, environmentId: string): Key => child(serviceId, TREE.environment, environmentId),
  environmentsOfService: (serviceId: string): KeyRange => children(serviceId, TREE.environment),
  environmentNameGuard: (serviceId: string, name: string): Key => treeGuard(serviceId, GUARD_SCOPE.environmentName, undefined, normalName(name)),
  environmentKeyGuard: (serviceId: string, key: string): Key => treeGuard(serviceId, GUARD_SCOPE.environmentKey, undefined, key),
  /** Environment key guards whose key starts with `base` (to pick the next free derived key). */
  environmentKeyGuardsStartingWith: (serviceId: string, base: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: treeGuard(serviceId, GUARD_SCOPE.environmentKey, undefined, base).sk,
  }),

  // ---------------------------------------------------------------------------------- service APIs
  serviceApi: (serviceId: string, serviceApiId: string): Key => child(serviceId, TREE.serviceApi, serviceApiId),
  serviceApisOfService: (serviceId: string): KeyRange => children(serviceId, TREE.serviceApi),
  /** At most one service API per environment. */
  serviceApiOfEnvironmentGuard: (serviceId: string, environmentId: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.serviceApiOfEnvironment, environmentId, 'api'),

  // -------------------------------------------------------------------------------- service models
  serviceModel: (serviceId: string, serviceModelId: string): Key => child(serviceId, TREE.serviceModel, serviceModelId),
  serviceModelsOfService: (serviceId: string): KeyRange => children(serviceId, TREE.serviceModel),
  serviceModelKeyGuard: (serviceId: string, serviceApiId: string, key: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.serviceModelKey, serviceApiId, key),
  /** The key guards of an API's models (one per model, holding `serviceModelId`): the models of an API. */
  serviceModelKeyGuardsOfApi: (serviceId: string, serviceApiId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.serviceModelKey}#${serviceApiId}#`,
  }),

  // --------------------------------------------------------------------------------- product tiers
  productTier: (serviceId: string, productTierId: string): Key => child(serviceId, TREE.productTier, productTierId),
  productTiersOfService: (serviceId: string): KeyRange => children(serviceId, TREE.productTier),
  /** A product tier's key, unique within its model: written by CreateProductTier, CopyProductTier and CopyServiceModel. */
  tierKeyGuard: (serviceId: string, serviceModelId: string, key: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.productTierKey, serviceModelId, key),
  /** The key guards of a model's tiers (one per tier, holding `productTierId`): the tiers of a model. */
  tierKeyGuardsOfModel: (serviceId: string, serviceModelId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.productTierKey}#${serviceModelId}#`,
  }),
  /**
   * The resource key guards under a tier (one per resource, holding `resourceId`): what DeleteProductTier reads,
   * consistently, to refuse while the tier has resources. (Kept here, beside its reader; the guard is the
   * resource family's `resourceKeyGuard`.)
   */
  resourceKeyGuardsOfTier: (serviceId: string, productTierId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.resourceKey}#${productTierId}#`,
  }),

  // ------------------------------------------------------------------------------------- resources
  resource: (serviceId: string, resourceId: string): Key => child(serviceId, TREE.resource, resourceId),
  /** Every resource of a service (typed range): only for a service-wide cascade; lists go through the tier index. */
  resourcesOfService: (serviceId: string): KeyRange => children(serviceId, TREE.resource),
  /** gsi1 attributes listing a resource under its tier, in creation order. */
  resourceListing: (serviceId: string, productTierId: string, createdAt: string, resourceId: string) => ({
    gsi1pk: `${SVC(serviceId)}#${TREE.productTier}#${productTierId}#${TREE.resource}`,
    gsi1sk: `${createdAt}#${resourceId}`,
  }),
  resourcesOfTier: (serviceId: string, productTierId: string): KeyRange => ({
    partition: `${SVC(serviceId)}#${TREE.productTier}#${productTierId}#${TREE.resource}`,
    index: 'byParent',
  }),
  resourceNameGuard: (serviceId: string, productTierId: string, name: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.resourceName, productTierId, normalName(name)),
  resourceKeyGuard: (serviceId: string, productTierId: string, key: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.resourceKey, productTierId, key),
  /** Resource key guards of a tier whose key starts with `base` (to pick the next free derived key). */
  resourceKeyGuardsStartingWith: (serviceId: string, productTierId: string, base: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: treeGuard(serviceId, GUARD_SCOPE.resourceKey, productTierId, base).sk,
  }),

  // ------------------------------------------------------------------------------------ parameters
  inputParameter: (serviceId: string, parameterId: string): Key => child(serviceId, TREE.inputParameter, parameterId),
  inputParametersOfService: (serviceId: string): KeyRange => children(serviceId, TREE.inputParameter),
  inputParameterKeyGuard: (serviceId: string, resourceId: string, key: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.inputParameterKey, resourceId, key),
  outputParameter: (serviceId: string, parameterId: string): Key => child(serviceId, TREE.outputParameter, parameterId),
  outputParametersOfService: (serviceId: string): KeyRange => children(serviceId, TREE.outputParameter),
  outputParameterKeyGuard: (serviceId: string, resourceId: string, key: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.outputParameterKey, resourceId, key),
  /** gsi1 attributes listing a resource's child (`tag`: IP, OP or FILE) under the resource, in creation order. */
  resourceChildListing: (serviceId: string, resourceId: string, tag: ResourceChildTag, createdAt: string, id: string) => ({
    gsi1pk: `${SVC(serviceId)}#${TREE.resource}#${resourceId}#${tag}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  childrenOfResource: (serviceId: string, resourceId: string, tag: ResourceChildTag): KeyRange => ({
    partition: `${SVC(serviceId)}#${TREE.resource}#${resourceId}#${tag}`,
    index: 'byParent',
  }),

  // ----------------------------------------------------------------------------------------- files
  file: (serviceId: string, fileId: string): Key => child(serviceId, TREE.file, fileId),
  filesOfService: (serviceId: string): KeyRange => children(serviceId, TREE.file),
  fileMountPathGuard: (serviceId: string, resourceId: string, mountPath: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.fileMountPath, resourceId, mountPath),

  // ------------------------------------------------------------------------------------ change log
  /** Time-ordered; `unique` keeps two changes of the same millisecond apart. */
  changeRecord: (serviceId: string, productTierId: string, at: string, unique: string): Key =>
    child(serviceId, TREE.change, `${productTierId}#${at}#${unique}`),
  changesOfTier: (serviceId: string, productTierId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `${TREE.change}#${productTierId}#`,
  }),

  // ------------------------------------------------------------- pending changes (discard's guard reads)
  // A discard compares the guards that exist with the ones the released definition needs, so it reads them.
  resourceNameGuardsOfTier: (serviceId: string, productTierId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.resourceName}#${productTierId}#`,
  }),
  inputParameterKeyGuardsOfResource: (serviceId: string, resourceId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.inputParameterKey}#${resourceId}#`,
  }),
  outputParameterKeyGuardsOfResource: (serviceId: string, resourceId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.outputParameterKey}#${resourceId}#`,
  }),
  fileMountPathGuardsOfResource: (serviceId: string, resourceId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `UNIQUE#${GUARD_SCOPE.fileMountPath}#${resourceId}#`,
  }),

  // --------------------------------------------------------------------------- tier version sets
  // Headers are ordered by a per-tier sequence number (zero-padded, so the sort key is the creation order and
  // a consistent range Query pages newest first); a version string resolves to its sequence number through
  // its guard. Snapshot parts are keyed by the release id (not the version), so a release that loses the
  // race for a version number never overwrites another's snapshot.
  versionSet: (serviceId: string, productTierId: string, seq: number): Key =>
    child(serviceId, TREE.versionSet, `${productTierId}#${String(seq).padStart(10, '0')}`),
  versionSetsOfTier: (serviceId: string, productTierId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `${TREE.versionSet}#${productTierId}#`,
  }),
  tierVersionGuard: (serviceId: string, productTierId: string, version: string): Key =>
    treeGuard(serviceId, GUARD_SCOPE.tierVersion, productTierId, version),
  /** Version guards of a tier whose version starts with `prefix` (e.g. `2.`: the incremental versions of major 2). */
  tierVersionGuardsStartingWith: (serviceId: string, productTierId: string, prefix: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: treeGuard(serviceId, GUARD_SCOPE.tierVersion, productTierId, prefix).sk,
  }),
  versionSnapshotPart: (serviceId: string, productTierId: string, releaseId: string, resourceId: string, chunk: number): Key =>
    child(serviceId, TREE.versionSnapshot, `${productTierId}#${releaseId}#R#${resourceId}#${String(chunk).padStart(4, '0')}`),
  versionSnapshotIndexPart: (serviceId: string, productTierId: string, releaseId: string, chunk: number): Key =>
    child(serviceId, TREE.versionSnapshot, `${productTierId}#${releaseId}#I#${String(chunk).padStart(4, '0')}`),
  /** The resource summaries of one release. */
  versionSnapshotIndexOf: (serviceId: string, productTierId: string, releaseId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `${TREE.versionSnapshot}#${productTierId}#${releaseId}#I#`,
  }),
  /** Every snapshot part of every release of a tier (removed with the tier). */
  versionSnapshotsOfTier: (serviceId: string, productTierId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `${TREE.versionSnapshot}#${productTierId}#`,
  }),
  /** Every snapshot part of one release. */
  versionSnapshotOf: (serviceId: string, productTierId: string, releaseId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `${TREE.versionSnapshot}#${productTierId}#${releaseId}#`,
  }),
  /** The parts of one resource in one release. */
  versionSnapshotOfResource: (serviceId: string, productTierId: string, releaseId: string, resourceId: string): KeyRange => ({
    partition: SVC(serviceId),
    prefix: `${TREE.versionSnapshot}#${productTierId}#${releaseId}#R#${resourceId}#`,
  }),
  // ---------------------------------------------------------------- workflow executions (the engine)
  // One partition per execution (its name is the id of the intent that started it, unique on its own).
  // gsi1 lists an org's executions of one workflow on one subject, newest last; gsi2 holds an entry only while
  // the execution is RUNNING (a sparse index, spread over RUNNING_SHARDS partitions), which resume reads.
  workflowExecution: (executionName: string): Key => ({ pk: `EXEC#${executionName}`, sk: '#EXEC' }),
  /** Where the local runner resumes the execution: the top-level state last entered and its input. */
  workflowResumePoint: (executionName: string): Key => ({ pk: `EXEC#${executionName}`, sk: '#RESUME' }),
  executionOfSubjectListing: (orgId: string, workflow: string, subjectKey: string, startedAt: string, executionName: string) => ({
    gsi1pk: `${ORG(orgId)}#EXEC#${workflow}#${subjectKey}`,
    gsi1sk: `${startedAt}#${executionName}`,
  }),
  executionsOfSubject: (orgId: string, workflow: string, subjectKey: string): KeyRange => ({
    partition: `${ORG(orgId)}#EXEC#${workflow}#${subjectKey}`,
    index: 'byParent',
  }),
  runningExecutionEntry: (shard: number, startedAt: string, executionName: string) => ({
    gsi2pk: `EXEC#RUNNING#${shard}`,
    gsi2sk: `${startedAt}#${executionName}`,
  }),
  runningExecutions: (shard: number): KeyRange => ({ partition: `EXEC#RUNNING#${shard}`, index: 'byId' }),
  /** jobs: the shard's RUNNING entries of executions started before `before` (an ISO time), oldest first. */
  runningExecutionsStartedBefore: (shard: number, before: string): KeyRange => ({
    partition: `EXEC#RUNNING#${shard}`,
    index: 'byId',
    // Entry sort keys are `<startedAt>#<name>`: every startedAt earlier than `before` sorts below it.
    between: ['0', before],
  }),

  // ------------------------------------------------------------------------------- customer users
  // A customer user lives in its own customer org (`ORG#<customerOrgId>` / `USER#<userId>`, like any user);
  // its email is unique per provider through a guard in the provider's partition, which gsi1 also lists under
  // the bare email (the providers an email is a customer of: what basic-auth Signin reads).
  customerEmailGuard: (providerOrgId: string, email: string): Key => ({
    pk: ORG(providerOrgId),
    sk: `${GUARD_SCOPE.customerEmail}#${email.toLowerCase()}`,
  }),
  customerEmailListing: (email: string, providerOrgId: string) => ({ gsi1pk: `CUSTEMAIL#${email.toLowerCase()}`, gsi1sk: providerOrgId }),
  customerEmailsOf: (email: string): KeyRange => ({ partition: `CUSTEMAIL#${email.toLowerCase()}`, index: 'byParent' }),

  // ---------------------------------------------------------------------------------- audit events
  // The provider org's log, one partition per UTC month (a month's events of one provider stay one range);
  // the customer org's view of the same events on gsi1. Sort keys are time-ordered, read newest first.
  auditEvent: (orgId: string, month: string, at: string, eventId: string): Key => ({ pk: `${ORG(orgId)}#EVENTS#${month}`, sk: `${at}#${eventId}` }),
  auditEventsOfMonth: (orgId: string, month: string): KeyRange => ({ partition: `${ORG(orgId)}#EVENTS#${month}` }),
  customerAuditListing: (customerOrgId: string, at: string, eventId: string) => ({ gsi1pk: `${ORG(customerOrgId)}#EVENTS`, gsi1sk: `${at}#${eventId}` }),
  customerAuditEvents: (customerOrgId: string): KeyRange => ({ partition: `${ORG(customerOrgId)}#EVENTS`, index: 'byParent' }),
  // A plan's events on gsi2 (ListAuditEventsForServicePlan reads one plan's log without the rest of the org's).
  planAuditListing: (orgId: string, productTierId: string, at: string, eventId: string) => ({ gsi2pk: `${ORG(orgId)}#TIER#${productTierId}#EVENTS`, gsi2sk: `${at}#${eventId}` }),
  planAuditEvents: (orgId: string, productTierId: string): KeyRange => ({ partition: `${ORG(orgId)}#TIER#${productTierId}#EVENTS`, index: 'byId' }),
  // An instance's events: a copy of each event naming the instance, in a partition of its own (the record's
  // two indexes already list it for the customer and the plan), so ListAuditEventsForInstance reads one range.
  instanceAuditEvent: (instanceId: string, at: string, eventId: string): Key => ({ pk: `INSTEVENTS#${instanceId}`, sk: `${at}#${eventId}` }),
  instanceAuditEvents: (instanceId: string): KeyRange => ({ partition: `INSTEVENTS#${instanceId}` }),
  // The facts of a delete (a deleted item has no new image to carry them): a short-lived marker put in the
  // delete's transaction, one per deletion (`<at>`), projected like any item's `lastEvent`.
  auditMarker: (about: Key, at: string): Key => ({ pk: `AUDITMARK#${about.pk}|${about.sk}`, sk: at }),

  // ------------------------------------------------------------- limits and the org's plan (offerings)
  // Per-org limit overrides (`LIMIT#<family>#<key>`; absent = the documented default) and the provider org's
  // own plan (`#PLAN`; absent = the default plan), both in the org partition.
  limitOverride: (orgId: string, family: string, key: string): Key => ({ pk: ORG(orgId), sk: `LIMIT#${family}#${key}` }),
  limitOverridesOfOrg: (orgId: string): KeyRange => ({ partition: ORG(orgId), prefix: 'LIMIT#' }),
  orgPlan: (orgId: string): Key => ({ pk: ORG(orgId), sk: '#PLAN' }),

  // ---------------------------------------------------------------------------------- subscriptions
  // A subscription's own partition holds it (`#SUB`) and its users' roles (`ROLE#<userId>`): one Query reads who
  // may use it. gsi1 lists subscriptions under the provider's environment (sort key led by the plan, so a plan
  // filter is a prefix) and each role under its user (led by environment type and service: both filters are
  // prefixes). The live-subscription guard in the customer org partition makes "one per plan" race-safe.
  subscription: (subscriptionId: string): Key => ({ pk: `SUB#${subscriptionId}`, sk: '#SUB' }),
  subscriptionRole: (subscriptionId: string, userId: string): Key => ({ pk: `SUB#${subscriptionId}`, sk: `ROLE#${userId}` }),
  rolesOfSubscription: (subscriptionId: string): KeyRange => ({ partition: `SUB#${subscriptionId}`, prefix: 'ROLE#' }),
  subscriptionFleetListing: (serviceId: string, environmentId: string, productTierId: string, createdAt: string, subscriptionId: string) => ({
    gsi1pk: `${SVC(serviceId)}#ENV#${environmentId}#SUBS`,
    gsi1sk: `${productTierId}#${createdAt}#${subscriptionId}`,
  }),
  subscriptionsOfEnvironment: (serviceId: string, environmentId: string, productTierId?: string): KeyRange => ({
    partition: `${SVC(serviceId)}#ENV#${environmentId}#SUBS`,
    index: 'byParent',
    ...(productTierId ? { prefix: `${productTierId}#` } : {}),
  }),
  subscriptionRoleListing: (userId: string, environmentType: string, serviceId: string, createdAt: string, subscriptionId: string) => ({
    gsi1pk: `USER#${userId}#SUBS`,
    gsi1sk: `${environmentType}#${serviceId}#${createdAt}#${subscriptionId}`,
  }),
  /** A user's roles; `serviceId` narrows only together with `environmentType` (the sort key's order). */
  subscriptionRolesOfUser: (userId: string, environmentType?: string, serviceId?: string): KeyRange => ({
    partition: `USER#${userId}#SUBS`,
    index: 'byParent',
    ...(environmentType ? { prefix: serviceId ? `${environmentType}#${serviceId}#` : `${environmentType}#` } : {}),
  }),
  liveSubscriptionGuard: (customerOrgId: string, productTierId: string): Key => ({ pk: ORG(customerOrgId), sk: `${GUARD_SCOPE.liveSubscription}#${productTierId}` }),
  /** Every live-subscription guard of a customer org (one per plan it holds a live subscription to). */
  liveSubscriptionGuardsOfOrg: (customerOrgId: string): KeyRange => ({ partition: ORG(customerOrgId), prefix: `${GUARD_SCOPE.liveSubscription}#` }),

  // ------------------------------------------------------------------------- subscription requests
  // Listed under the provider's environment on gsi1 (led by status: the status filter is a prefix) and under
  // the customer org on gsi2 (led by environment type, then status).
  subscriptionRequest: (requestId: string): Key => ({ pk: `SUBR#${requestId}`, sk: '#SUBR' }),
  subscriptionRequestFleetListing: (serviceId: string, environmentId: string, status: string, createdAt: string, requestId: string) => ({
    gsi1pk: `${SVC(serviceId)}#ENV#${environmentId}#SUBRS`,
    gsi1sk: `${status}#${createdAt}#${requestId}`,
  }),
  subscriptionRequestsOfEnvironment: (serviceId: string, environmentId: string, status?: string): KeyRange => ({
    partition: `${SVC(serviceId)}#ENV#${environmentId}#SUBRS`,
    index: 'byParent',
    ...(status ? { prefix: `${status}#` } : {}),
  }),
  subscriptionRequestCustomerListing: (customerOrgId: string, environmentType: string, status: string, createdAt: string, requestId: string) => ({
    gsi2pk: `${ORG(customerOrgId)}#SUBRS`,
    gsi2sk: `${environmentType}#${status}#${createdAt}#${requestId}`,
  }),
  /** A customer org's requests; `status` narrows only together with `environmentType`. */
  subscriptionRequestsOfCustomer: (customerOrgId: string, environmentType?: string, status?: string): KeyRange => ({
    partition: `${ORG(customerOrgId)}#SUBRS`,
    index: 'byId',
    ...(environmentType ? { prefix: status ? `${environmentType}#${status}#` : `${environmentType}#` } : {}),
  }),
  pendingSubscriptionRequestGuard: (customerOrgId: string, productTierId: string): Key => ({
    pk: ORG(customerOrgId),
    sk: `${GUARD_SCOPE.pendingSubscriptionRequest}#${productTierId}`,
  }),

  // ------------------------------------------------------------------------------ instance snapshots
  // A snapshot has a partition of its own (`SNAP#<snapshotId>`: RestoreResourceInstanceFromSnapshot's path
  // names the snapshot alone), listed under its instance on gsi1, oldest first by creation time (so expiry
  // reads one range below a cut-off, and the list reads newest first). It outlives its instance until its
  // retention ends. An instance with backups on has one schedule item (`BACKUP#<instanceId>`) whose gsi1 entry
  // is the due index: spread over BACKUP_SHARDS partitions, sorted by the next due time, so the backup job
  // reads only what is due, never the instances.
  instanceSnapshot: (snapshotId: string): Key => ({ pk: `SNAP#${snapshotId}`, sk: '#SNAP' }),
  snapshotListing: (instanceId: string, createdTime: string, snapshotId: string) => ({
    gsi1pk: `INST#${instanceId}#SNAPS`,
    gsi1sk: `${createdTime}#${snapshotId}`,
  }),
  snapshotsOfInstance: (instanceId: string): KeyRange => ({ partition: `INST#${instanceId}#SNAPS`, index: 'byParent' }),
  /** The instance's snapshots created before `before` (ISO): what retention expires. */
  snapshotsOfInstanceCreatedBefore: (instanceId: string, before: string): KeyRange => ({
    partition: `INST#${instanceId}#SNAPS`,
    index: 'byParent',
    // Listing sort keys are `<createdTime>#<id>`: every createdTime earlier than `before` sorts below it.
    between: ['0', before],
  }),
  backupSchedule: (instanceId: string): Key => ({ pk: `BACKUP#${instanceId}`, sk: '#BACKUP' }),
  backupDueEntry: (shard: number, nextDueAt: string, instanceId: string) => ({
    gsi1pk: `BACKUP#DUE#${shard}`,
    gsi1sk: `${nextDueAt}#${instanceId}`,
  }),
  /** jobs: the shard's schedules due at `at` (ISO) or earlier, most overdue first. */
  backupsDueBy: (shard: number, at: string): KeyRange => ({
    partition: `BACKUP#DUE#${shard}`,
    index: 'byParent',
    between: ['0', `${at}#\uffff`],
  }),

  // ------------------------------------------------------------------------------ resource instances
  // An instance has its own partition (`INST#<id>` / `INST`: one GetItem by id). gsi1 lists it under its
  // customer org and gsi2 under its provider org, both led by environment type (the portal's scope, the
  // `environmentType` filter) and then time: a prefix Query read descending answers newest first. Beside it,
  // a listing entry in the plan resource's partition (`INSTOF#<tierId>#<resourceId>` / `<subscriptionId>#
  // <createdAt>#<id>`), written and removed with the instance, answers ListResourceInstances for one
  // subscription (a prefix) or the whole resource without reading unrelated instances.
  resourceInstance: (instanceId: string): Key => ({ pk: `INST#${instanceId}`, sk: 'INST' }),
  customerInstanceListing: (customerOrgId: string, environmentType: string, createdAt: string, instanceId: string) => ({
    gsi1pk: `${ORG(customerOrgId)}#INSTANCES`,
    gsi1sk: `${environmentType}#${createdAt}#${instanceId}`,
  }),
  instancesOfCustomer: (customerOrgId: string, environmentType?: string): KeyRange => ({
    partition: `${ORG(customerOrgId)}#INSTANCES`,
    index: 'byParent',
    ...(environmentType ? { prefix: `${environmentType}#` } : {}),
  }),
  providerInstanceListing: (providerOrgId: string, environmentType: string, createdAt: string, instanceId: string) => ({
    gsi2pk: `${ORG(providerOrgId)}#INSTANCES`,
    gsi2sk: `${environmentType}#${createdAt}#${instanceId}`,
  }),
  instancesOfProvider: (providerOrgId: string, environmentType?: string): KeyRange => ({
    partition: `${ORG(providerOrgId)}#INSTANCES`,
    index: 'byId',
    ...(environmentType ? { prefix: `${environmentType}#` } : {}),
  }),
  resourceInstanceEntry: (productTierId: string, resourceId: string, subscriptionId: string, createdAt: string, instanceId: string): Key => ({
    pk: `INSTOF#${productTierId}#${resourceId}`,
    sk: `${subscriptionId}#${createdAt}#${instanceId}`,
  }),
  instancesOfResource: (productTierId: string, resourceId: string, subscriptionId?: string): KeyRange => ({
    partition: `INSTOF#${productTierId}#${resourceId}`,
    ...(subscriptionId ? { prefix: `${subscriptionId}#` } : {}),
  }),
  /** A custom DNS name (normalized: lower case, no trailing dot), whoever holds it: DNS names are global. */
  customDnsGuard: (dnsName: string): Key => ({ pk: `DNS#${dnsName}`, sk: GUARD_SCOPE.customDnsName }),
  /** `digest`: a hash of the header value (bounded, any bytes). */
  instanceIdempotencyGuard: (customerOrgId: string, userId: string, digest: string): Key => ({
    pk: ORG(customerOrgId),
    sk: `${GUARD_SCOPE.instanceIdempotencyKey}#${userId}#${digest}`,
  }),
  /**
   * Beside a subscription: which user `soleRootOfInstancedSubscriptions` counted for it (written with the
   * subscription's first instance when it had one root, removed with its last instance).
   */
  instancedSubscriptionRootMark: (subscriptionId: string): Key => ({ pk: `SUB#${subscriptionId}`, sk: 'INSTROOT' }),

  // ------------------------------------------------------------------------------- deployment drivers
  // One record per piece of work (`<operationId>/<resourceId>`), written conditionally before the driver
  // starts it, listed under its instance on gsi1 (in start order); a callback driver's waiting step has its
  // own item keyed by the unguessable callback id the provider's automation answers with.
  driverWork: (workId: string): Key => ({ pk: `DRIVER#${workId}`, sk: '#WORK' }),
  driverWorkListing: (instanceId: string, startedAt: string, workId: string) => ({ gsi1pk: `INST#${instanceId}#DRIVER`, gsi1sk: `${startedAt}#${workId}` }),
  driverWorkOfInstance: (instanceId: string): KeyRange => ({ partition: `INST#${instanceId}#DRIVER`, index: 'byParent' }),
  driverCallback: (callbackId: string): Key => ({ pk: `DRIVERCB#${callbackId}`, sk: '#CALLBACK' }),
  /** Locally: the answer to a `.waitForTaskToken` step, written by `completeTask`, polled by the local runner. */
  localTaskAnswer: (token: string): Key => ({ pk: `TASKTOKEN#${token}`, sk: '#ANSWER' }),

  // ------------------------------------------------------------------------- services orchestrations
  // One item per orchestration (its deployments inside it, at most MAX_ORCHESTRATION_DEPLOYMENTS), listed
  // under the customer org that made it on gsi1 in creation order (the org's count bounds the list).
  servicesOrchestration: (orchestrationId: string): Key => ({ pk: `ORCH#${orchestrationId}`, sk: '#ORCH' }),
  servicesOrchestrationListing: (orgId: string, createdAt: string, orchestrationId: string) => ({ gsi1pk: `ORG#${orgId}#ORCHS`, gsi1sk: `${createdAt}#${orchestrationId}` }),
  servicesOrchestrationsOfOrg: (orgId: string): KeyRange => ({ partition: `ORG#${orgId}#ORCHS`, index: 'byParent' }),

  // --------------------------------------------------------------------------------------------- metering
  // Each instance that has ever run has a meter item (`METER#<instanceId>`) holding its RUNNING intervals,
  // kept by the track-metered-instances stream job; its gsi1 entry lists it in one of METER_SHARDS partitions,
  // which is how the metering job finds the instances alive in a period without reading the instances. Usage
  // records, one per (instance, period), sit in their subscription's partition sorted by period start (no
  // index entries: reads use the sums below; the records are what the sums and the export files are made of).
  meteredInstance: (instanceId: string): Key => ({ pk: `METER#${instanceId}`, sk: '#METER' }),
  meteredInstanceListing: (shard: number, instanceId: string) => ({ gsi1pk: `METER#LIVE#${shard}`, gsi1sk: instanceId }),
  meteredInstancesOfShard: (shard: number): KeyRange => ({ partition: `METER#LIVE#${shard}`, index: 'byParent' }),
  /** The metering job's cursor: the end of the last period it metered. */
  meteringCursor: (): Key => ({ pk: 'METER#CURSOR', sk: '#CURSOR' }),
  usageRecord: (subscriptionId: string, periodStart: string, instanceId: string): Key => ({
    pk: `USAGE#SUB#${subscriptionId}`,
    sk: `${periodStart}#${instanceId}`,
  }),
  /** Records whose period starts in [from, to] (ISO instants; callers drop a record starting at `to`). */
  usageOfSubscription: (subscriptionId: string, from: string, to: string): KeyRange => ({ partition: `USAGE#SUB#${subscriptionId}`, between: [from, `${to}`] }),

  // ------------------------------------------------------------------------------------------- usage sums
  // The meter-usage job also writes sums of the usage records per scope (a subscription, a customer org's
  // subscriptions to one provider, a provider's subscriptions) and grain (a metering period, a UTC day, a UTC
  // month), so a read costs the days or periods it answers, never the instances behind them. A subscription's
  // day and month sums are listed on gsi1 by day / month, sharded: how the export and month-close jobs find
  // the subscriptions that had usage without reading any subscription list.
  usageSum: (scope: string, grain: string, start: string): Key => ({ pk: `USAGESUM#${scope}`, sk: `${grain}#${start}` }),
  /** Sums of one scope and grain whose start is in [from, to] (callers drop one starting at `to`). */
  usageSumsOf: (scope: string, grain: string, from: string, to: string): KeyRange => ({ partition: `USAGESUM#${scope}`, between: [`${grain}#${from}`, `${grain}#${to}`] }),
  usageSumListing: (grain: string, start: string, shard: number, subscriptionId: string) => ({ gsi1pk: `USAGESUM#${grain}#${start}#${shard}`, gsi1sk: subscriptionId }),
  usageSumsListed: (grain: string, start: string, shard: number): KeyRange => ({ partition: `USAGESUM#${grain}#${start}#${shard}`, index: 'byParent' }),

  // ------------------------------------------------------------------------------------------------ invoices
  // One invoice per (subscription, billing period start) in its subscription's partition (`INVOICE#SUB#<id>`,
  // sorted by period start): the key is the idempotency of the month close. gsi1 lists it under the customer
  // org and its provider, gsi2 under the provider org, both by invoice date (newest first read descending).
  // Each provider has one counter item (its last invoice number), advanced in the commit that writes the
  // invoices it numbers; the close job keeps one cursor (the next month it has to close).
  invoice: (subscriptionId: string, periodStart: string): Key => ({ pk: `INVOICE#SUB#${subscriptionId}`, sk: periodStart }),
  /** Invoices of a subscription whose period starts in [from, to] (callers drop one starting at `to`). */
  invoicesOfSubscription: (subscriptionId: string, from: string, to: string): KeyRange => ({ partition: `INVOICE#SUB#${subscriptionId}`, between: [from, to] }),
  customerInvoiceListing: (customerOrgId: string, providerOrgId: string, invoiceDate: string, invoiceId: string) => ({
    gsi1pk: `${ORG(customerOrgId)}#INVOICES#${providerOrgId}`,
    gsi1sk: `${invoiceDate}#${invoiceId}`,
  }),
  invoicesOfCustomer: (customerOrgId: string, providerOrgId: string): KeyRange => ({ partition: `${ORG(customerOrgId)}#INVOICES#${providerOrgId}`, index: 'byParent' }),
  providerInvoiceListing: (providerOrgId: string, invoiceDate: string, invoiceId: string) => ({ gsi2pk: `${ORG(providerOrgId)}#INVOICES`, gsi2sk: `${invoiceDate}#${invoiceId}` }),
  invoicesOfProvider: (providerOrgId: string): KeyRange => ({ partition: `${ORG(providerOrgId)}#INVOICES`, index: 'byId' }),
  invoiceCounter: (providerOrgId: string): Key => ({ pk: `INVOICENO#${providerOrgId}`, sk: '#COUNTER' }),
  invoiceCloseCursor: (): Key => ({ pk: 'INVOICE#CURSOR', sk: '#CURSOR' }),

  // ---------------------------------------------------------------------------------- usage export
  // The export-usage job's cursor: the start of the first UTC day it has not exported yet (day files are
  // blobs, docs/operations.md "Billing"; their blob keys are built in shared/data/entities/usage-export.ts).
  usageExportCursor: (): Key => ({ pk: 'USAGEEXPORT#CURSOR', sk: '#CURSOR' }),
};

/** Which of `shards` index partitions an id's entry goes to: a small stable hash of the id (every sharded index). */
export function shardOf(id: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % shards;
}

/** How many gsi1 partitions hold the backup due index (docs/data-model.md, "Instance snapshots"). */
export const BACKUP_SHARDS = 4;

/** How many gsi1 partitions list the metered instances (docs/data-model.md, "Metering"). */
export const METER_SHARDS = 4;

/** How many gsi1 partitions list a day's / a month's subscription usage sums (docs/data-model.md, "Metering"). */
export const USAGE_SUM_SHARDS = 4;

/** How many gsi2 partitions hold the RUNNING entries (so no single index partition takes every start). */
export const RUNNING_SHARDS = 4;
