import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the input-parameter-api group; one import and one entry per endpoint module.
import * as createInputParameter from './create-input-parameter.ts';
import * as describeInputParameter from './describe-input-parameter.ts';
import * as listInputParameter from './list-input-parameter.ts';
import * as updateInputParameter from './update-input-parameter.ts';
import * as deleteInputParameter from './delete-input-parameter.ts';

export const operations: readonly AnyOperation[] = [
  createInputParameter.operation,
  describeInputParameter.operation,
  listInputParameter.operation,
  updateInputParameter.operation,
  deleteInputParameter.operation,
];
