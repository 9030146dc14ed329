/**
 * The operation registry: every endpoint, one entry each, gathered from the per-group indexes.
 * The local server, the CDK app, the served OpenAPI document and the coverage tests all read this list.
 * Adding an endpoint = one module in functions/<group>/ + one line in that group's index.ts.
 */
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { operations as global } from './global/index.ts';

export const operations: readonly OperationDefinition[] = [...global] as OperationDefinition[];
