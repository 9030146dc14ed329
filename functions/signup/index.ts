import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the signup-api group; one import and one entry per endpoint module.
import * as signup from './signup.ts';
import * as validateToken from './validate-token.ts';
import * as resetPassword from './reset-password.ts';
import * as changePassword from './change-password.ts';
import * as regenerateToken from './regenerate-token.ts';

export const operations: readonly AnyOperation[] = [
  signup.operation,
  validateToken.operation,
  resetPassword.operation,
  changePassword.operation,
  regenerateToken.operation,
];
