/**
 * The only place that builds key strings. See docs/data-model.md for the full design.
 *
 * Partitions:
 *   ORG#<orgId>        the org, its users, its deployment configs, uniqueness guards scoped to the org
 *   SVC#<serviceId>    a service and its whole definition tree (environments, APIs, models, tiers,
 *                      resources, parameters, files, change log) — one Query reads a service
 *   EMAIL#<email>      global email uniqueness guard → userId/orgId
 *   TOKEN#<sha256>     one-time verification/reset tokens (TTL)
 *   SESSION#<jti>      revoked sessions (TTL = token expiry)
 *   INST#<instanceId>  a resource instance and its history (later issues)
 */
import type { Key } from '#shared/data/store.ts';

export const keys = {
  org: (orgId: string): Key => ({ pk: `ORG#${orgId}`, sk: '#ORG' }),
  user: (orgId: string, userId: string): Key => ({ pk: `ORG#${orgId}`, sk: `USER#${userId}` }),
  usersOfOrg: (orgId: string) => ({ partition: `ORG#${orgId}`, prefix: 'USER#' }),
  emailGuard: (email: string): Key => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: '#EMAIL' }),
  oneTimeToken: (tokenHash: string): Key => ({ pk: `TOKEN#${tokenHash}`, sk: '#TOKEN' }),
  revokedSession: (jti: string): Key => ({ pk: `SESSION#${jti}`, sk: '#REVOKED' }),

  service: (serviceId: string): Key => ({ pk: `SVC#${serviceId}`, sk: '#SERVICE' }),
  servicePartition: (serviceId: string) => `SVC#${serviceId}`,
  /** gsi1 partition listing an org's services, sorted by creation time. */
  servicesOfOrg: (orgId: string) => `ORG#${orgId}#SERVICES`,
  serviceNameGuard: (orgId: string, name: string): Key => ({
    pk: `ORG#${orgId}`,
    sk: `SVCNAME#${name.trim().toLowerCase()}`,
  }),
  serviceKeyGuard: (orgId: string, key: string): Key => ({ pk: `ORG#${orgId}`, sk: `SVCKEY#${key}` }),

  deploymentConfig: (orgId: string, id: string): Key => ({ pk: `ORG#${orgId}`, sk: `DC#${id}` }),
  deploymentConfigsOfOrg: (orgId: string) => ({ partition: `ORG#${orgId}`, prefix: 'DC#' }),
  /** Points at the org's default deployment config (created with the org, or lazily on first use). */
  defaultDeploymentConfig: (orgId: string): Key => ({ pk: `ORG#${orgId}`, sk: 'DCDEFAULT' }),
  deploymentConfigNameGuard: (orgId: string, name: string): Key => ({
    pk: `ORG#${orgId}`,
    sk: `DCNAME#${name.trim().toLowerCase()}`,
  }),

  /** A child of a service's tree: `kind` is one of TREE (ENV, API, MODEL, TIER, RES, IP, OP, FILE, CHANGE). */
  serviceChild: (serviceId: string, kind: string, id: string): Key => ({ pk: `SVC#${serviceId}`, sk: `${kind}#${id}` }),
  /** Uniqueness of a value among a parent's children inside a service partition (names, keys). */
  /** A product tier's key, unique within its model: written by CreateProductTier, CopyProductTier and CopyServiceModel. */
  tierKeyGuard: (serviceId: string, serviceModelId: string, key: string): Key =>
    keys.serviceChildGuard(serviceId, `TIERKEY#${serviceModelId}`, key),
  serviceChildGuard: (serviceId: string, scope: string, value: string): Key => ({
    pk: `SVC#${serviceId}`,
    sk: `UNIQUE#${scope}#${value}`,
  }),

  /** gsi2 (byId) attributes of a user: RegenerateToken's path carries only the user id. */
  userById: (userId: string) => ({ gsi2pk: `USER#${userId}`, gsi2sk: '#USER' }),
};

/** Sort-key tags of the items inside a service partition (`SVC#<serviceId>`). */
export const TREE = {
  environment: 'ENV',
  serviceApi: 'API',
  serviceModel: 'MODEL',
  productTier: 'TIER',
  resource: 'RES',
  inputParameter: 'IP',
  outputParameter: 'OP',
  file: 'FILE',
  /** Definition change log of a product tier (for pending changes / releases). */
  change: 'CHANGE',
} as const;
