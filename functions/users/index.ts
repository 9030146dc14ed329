import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the users-api group; one import and one entry per endpoint module.
import * as describeUser from './describe-user.ts';
import * as updateUser from './update-user.ts';
import * as deleteUser from './delete-user.ts';
import * as updatePassword from './update-password.ts';
import * as logout from './logout.ts';
import * as describeUsersByOrg from './describe-users-by-org.ts';
import * as inviteUser from './invite-user.ts';
import * as revokeUserRole from './revoke-user-role.ts';
import * as customerSignup from './customer-signup.ts';
import * as customerSignin from './customer-signin.ts';
import * as customerResetPassword from './customer-reset-password.ts';
import * as customerInviteUser from './customer-invite-user.ts';
import * as customerDeleteUser from './customer-delete-user.ts';

export const operations: readonly AnyOperation[] = [
  describeUser.operation,
  updateUser.operation,
  deleteUser.operation,
  updatePassword.operation,
  logout.operation,
  describeUsersByOrg.operation,
  inviteUser.operation,
  revokeUserRole.operation,
  customerSignup.operation,
  customerSignin.operation,
  customerResetPassword.operation,
  customerInviteUser.operation,
  customerDeleteUser.operation,
];
