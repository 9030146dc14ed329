import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the signin-api group; one import and one entry per endpoint module.
import * as signin from './signin.ts';

export const operations: readonly AnyOperation[] = [signin.operation];
