import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the limit-api group; one import and one entry per endpoint module.
import * as listLimit from './list-limit.ts';
import * as describeLimit from './describe-limit.ts';
import * as updateLimit from './update-limit.ts';
import * as deleteLimit from './delete-limit.ts';

export const operations: readonly AnyOperation[] = [listLimit.operation, describeLimit.operation, updateLimit.operation, deleteLimit.operation];
