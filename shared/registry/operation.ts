/**
 * The shape of one registry entry. Every endpoint module defines exactly one operation with
 * `defineOperation` and exports the Middy handler built from it; everything else (local server, CDK
 * routes and functions, the served OpenAPI document, coverage tests) reads these entries.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { groupHome } from '#shared/registry/identity.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call:
 * - `public`: no token; the Authorization header is ignored entirely (clients send `Bearer undefined`).
 * - `read`: any signed-in user of the org.
 * - `self`: any signed-in user acting on their own account (logout, own password) — readers included.
 * - `write`: roles that may change the provider's definitions (not readers).
 * - `admin`: org administration (invitations, role revocation).
 * - `consumer`: the consumption side (offerings, subscriptions, instances, usage): customer tokens, scoped to
 *   their provider and portal environment type (`caller.customer`), and provider tokens of any role (a
 *   provider tries its own plans). Every other level refuses customer tokens with 403, except `self`.
 * - `provider`: a provider token of any role, the session confirmed before it runs: what the provider's
 *   portal calls on a customer's behalf (CustomerSignup, CustomerSignin, …), the token naming the provider.
 */
export type Access = 'public' | 'read' | 'self' | 'write' | 'admin' | 'consumer' | 'provider';

export interface RequestContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every non-public operation. */
  caller: Caller;
  requestId: string;
  /** Lower-cased request headers. */
  headers: Record<string, string | undefined>;
  /** The raw body bytes, for operations that declare `body: 'raw'` (multipart uploads). */
  rawBody?: Buffer;
}

/** A response that is not JSON (file downloads). */
export interface RawResult {
  kind: 'raw';
  contentType: string;
  body: Buffer;
  headers?: Record<string, string>;
}

export interface OperationDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  /** The reference spec's tag, e.g. `service-api`; one nested stack per group in CDK. */
  group: string;
  method: HttpMethod;
  /** Exact path from the reference, e.g. `/2022-09-01-00/service/{id}`. */
  path: string;
  /**
   * Only on a route that neither contract declares: why it is served anyway (e.g. the customer portal, built
   * against a newer API version, calls it). The contract tests compare every other entry with the reference
   * and require these to be exactly the routes it lacks; the quota tests count them with the rest.
   */
  extraRoute?: string;
  access: Access;
  summary: string;
  description?: string;
  /** Success status code (200 unless the reference says otherwise). */
  status?: number;
  params?: P;
  query?: Q;
  /** A zod schema for JSON bodies, or 'raw' to receive the bytes untouched (multipart). */
  body?: B | 'raw';
  /** Omitted for empty success bodies. */
  response?: R;
  /** Content type of a non-JSON success body, for the OpenAPI document. */
  responseContentType?: string;
  /** Declares the table access the function needs; the CDK app turns it into least-privilege IAM. */
  permissions?: Permission[];
  /**
   * The workflows this operation starts (`startWorkflow`): its function gets `states:StartExecution` on exactly
   * those state machines, and their ARNs in its environment.
   */
  workflows?: WorkflowName[];
  run(
    ctx: RequestContext<z.output<P>, z.output<Q>, B extends z.ZodType ? z.output<B> : undefined>,
  ): Promise<(R extends z.ZodType ? z.input<R> : void) | RawResult | void>;
}

/** Data-plane capabilities a function may be granted; `table:read` is implied for every function. */
/** A workflow's name, `kebab-case`: its ASL file is `statemachines/<name>.asl.json` (shared/registry/task.ts). */
export type WorkflowName = string;

/**
 * `driver:publish`: put deployment-work events on the driver's EventBridge bus (the callback driver's wait step).
 * `workflow:complete-task`: SendTaskSuccess / SendTaskFailure on this deployment's machines (the callback endpoint).
 */
export type Permission = 'table:write' | 'mail:send' | 'blob:read' | 'blob:write' | 'driver:publish' | 'workflow:complete-task';

/**
 * Any registry entry, whatever its schemas: what group indexes and the registry hold. (`run` takes each
 * operation's own context, so a concrete entry is not assignable to the default-parameter form.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = OperationDefinition<any, any, any, any>;

export function defineOperation<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(def: OperationDefinition<P, Q, B, R>): OperationDefinition<P, Q, B, R> {
  return def;
}

/** `DescribeService` → `describe-service`: the module file name of an operation. */
export function operationFileName(operationId: string): string {
  return operationId
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** `service-api-api` → `service-api`: the folder under functions/ that holds a group's modules. */
export function groupFolder(group: string): string {
  return group.replace(/-api$/, '');
}

/**
 * Project-relative path of an operation's module, e.g. `functions/service/describe-service.ts`; a Fleet API
 * operation's sits under `functions/fleet/` (`functions/fleet/inventory/describe-subscription.ts`), so two
 * operations of one name never share a module (shared/registry/identity.ts).
 */
export function moduleFile(op: Pick<OperationDefinition, 'group' | 'operationId'> & { path?: string }): string {
  return `functions/${groupHome(op)}/${operationFileName(op.operationId)}.ts`;
}
