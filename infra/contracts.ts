/**
 * Which HTTP API an operation belongs to. Clients see one base URL (the CloudFront distribution); behind it
 * each contract has its own HTTP API, because one HTTP API holds at most 300 integrations and the two
 * contracts together need more (decision 006). The path alone decides: the Fleet API is everything under
 * `/2022-09-01-00/fleet/`, the Registration API everything else.
 */

import { FLEET_PREFIX, type Contract } from '#shared/registry/identity.ts';

// The rule itself lives beside the registry (an operation's identity includes its contract); the CloudFront
// behaviour `${FLEET_PREFIX}*` goes to the Fleet API.
export { CONTRACTS, contractOf, FLEET_PREFIX, type Contract } from '#shared/registry/identity.ts';

/** CloudFront path pattern of a contract's behaviour; the Registration API is the default behaviour. */
export function pathPatternOf(contract: Contract): string | undefined {
  return contract === 'fleet' ? `${FLEET_PREFIX}*` : undefined;
}

/**
 * Per HTTP API. Integrations cannot be raised; routes can, but one integration per route ties them. Beside the
 * registry entries the Registration API serves the docs routes (infra/docs-function.ts), which share one
 * integration.
 */
export const HTTP_API_MAX_INTEGRATIONS = 300;
export const HTTP_API_MAX_ROUTES = 300;

/**
 * The path as an HTTP API route: API Gateway refuses a route that ends in `/` and routes `/a/` to the
 * route `/a` anyway, so one trailing slash is dropped (the reference has one such path,
 * `GET …/environment/{environmentId}/instances/` of the Fleet API).
 */
export function routePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
