/**
 * The users-api use cases of a signed-in user: their own profile, password, session and account, and the
 * org's membership (list, invite, revoke). Everything is scoped to the caller's org from the token.
 */
import type { z } from 'zod';
import { forgetSessions } from '#shared/auth/authenticate.ts';
import type { Caller, Role } from '#shared/auth/caller.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '#shared/auth/password.ts';
import { forgetProviderProfile, getOrg, memberCounter, orgKey } from '#shared/data/entities/org.ts';
import { newRevokedSessionItem } from '#shared/data/entities/revoked-session.ts';
import { emailGuard, findUserByEmail, getUser, listUsersOfOrg, newUserItem, userKey, userRemoval } from '#shared/data/entities/user.ts';
import { advance, commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import {
  assertCanInvite,
  assertCanRevoke,
  byJoinOrder,
  departureOf,
  invitedName,
  orgUserView,
  profileChanges,
  userView,
} from '#shared/domain/user.ts';
import { BadRequest, Conflict, NotFound } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { mailToken } from '#shared/use-cases/mail-token.ts';
import { customerDeleteUser } from '#shared/use-cases/customer-users.ts';
import type {
  DescribeUserResult,
  DescribeUsersByOrgResult,
  InviteUserRequest,
  RevokeUserRoleRequest,
  UpdatePasswordRequest,
  UpdateUserRequest,
} from '#shared/schemas/users.ts';

export async function describeUser(caller: Caller): Promise<z.input<typeof DescribeUserResult>> {
  const [user, org] = await Promise.all([getUser(caller.orgId, caller.userId), getOrg(caller.orgId)]);
  if (!user) throw new NotFound('user');
  return userView(user, org);
}

/** Every member, in the order they joined: never cut (the org's member limit bounds the answer). */
export async function describeUsersByOrg(caller: Caller): Promise<z.input<typeof DescribeUsersByOrgResult>> {
  const members = await listUsersOfOrg(caller.orgId);
  return { Id: caller.orgId, orgUsers: members.sort(byJoinOrder).map(orgUserView) };
}

/** Updates the caller's own profile; the org's fields too when the caller administers the org. */
export async function updateUser(caller: Caller, userId: string, patch: z.output<typeof UpdateUserRequest>): Promise<void> {
  const changes = profileChanges(caller, userId, patch);
  if (changes.user) {
    await withRetry(async () => {
      const current = await getUser(caller.orgId, caller.userId);
      if (!current) throw new NotFound('user');
      await commit({ puts: [{ item: advance(current, { ...current, ...changes.user }), expectVersion: current.version }] });
    });
    forgetSessions({ userId: caller.userId });
  }
  if (changes.org) {
    await withRetry(async () => {
      const current = await getOrg(caller.orgId);
      if (!current) throw new NotFound('org');
      await commit({ puts: [{ item: advance(current, { ...current, ...changes.org }), expectVersion: current.version }] });
    });
    forgetProviderProfile(caller.orgId);
  }
}

export async function updatePassword(caller: Caller, input: z.output<typeof UpdatePasswordRequest>): Promise<void> {
  if (!input.currentPassword) throw new BadRequest('invalid body: body.currentPassword is required');
  checkPasswordPolicy(input.password);
  const user = await getUser(caller.orgId, caller.userId);
  if (!user) throw new NotFound('user');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new BadRequest('body.currentPassword is not the current password');
  }
  const passwordHash = await hashPassword(input.password);
  await withRetry(async () => {
    const current = await getUser(caller.orgId, caller.userId);
    if (!current) throw new NotFound('user');
    // Checked against what we verified: a password changed meanwhile must be re-confirmed.
    if (current.passwordHash !== user.passwordHash) throw new Conflict('the password was changed meanwhile; retry with the new one');
    await commit({ puts: [{ item: advance(current, { ...current, passwordHash }), expectVersion: current.version }] });
  });
  forgetSessions({ userId: caller.userId });
}

/** Revokes the session token of this request until it would have expired anyway. */
export async function logout(caller: Caller): Promise<void> {
  try {
    await withRetry(() => commit({ puts: [{ item: newRevokedSessionItem(caller.jti, caller.userId, caller.exp) }] }));
  } catch (e) {
    // Two logouts racing with the same token: it is revoked either way.
    if (!(e instanceof Conflict)) throw e;
  }
  forgetSessions({ jti: caller.jti });
}

/**
 * Deletes the caller's account (a customer token: CustomerDeleteUser's rules). The last root of an org that still has other members cannot leave (409);
 * the last member takes the org with them, conditional on the org's version, which every addition of a member
 * bumps (an invitation and the org's deletion cannot both commit).
 */
export async function deleteUser(caller: Caller): Promise<void> {
  // A customer leaves by the customer rules (its provider-scoped email, the subscriptions it roots, the audit log).
  if (caller.customer) return customerDeleteUser(caller);
  // The other root left at the same moment: decide again from a fresh read (then it is "the last root").
  const rootLeftMeanwhile = new Conflict('the org must keep at least one root user');
  let orgDeleted = false;
  await withRetry(
    async () => {
      const members = await listUsersOfOrg(caller.orgId);
      const me = members.find((u) => u.userId === caller.userId);
      if (!me) throw new NotFound('user');
      const departure = departureOf(me, members);
      const plan: TransactionPlan = userRemoval(me);
      if (departure.kind === 'lastMember') {
        const org = await getOrg(caller.orgId);
        if (org) plan.deletes!.push({ key: orgKey(org.orgId), version: org.version });
        orgDeleted = org !== undefined;
      } else {
        plan.counters = [memberCounter(caller.orgId, -1)];
        if (departure.kind === 'keepRoot') {
          plan.asserts = [{ key: userKey(departure.root), equals: { role: 'root' }, failure: rootLeftMeanwhile }];
        }
      }
      await commit(plan);
    },
    { retryOn: (e) => e === rootLeftMeanwhile },
  );
  forgetSessions({ userId: caller.userId });
  if (orgDeleted) forgetProviderProfile(caller.orgId);
}

/**
 * Adds a NOT_ENABLED user without a password to the caller's org and mails an invitation token; the invitee
 * sets a password with ChangePassword, which also activates the account. 409 when the email has a user or
 * the org is at its member limit.
 */
export async function inviteUser(caller: Caller, input: z.output<typeof InviteUserRequest>): Promise<void> {
  const role = input.roleType as Role;
  assertCanInvite(caller, role);
  const org = await getOrg(caller.orgId);
  if (!org) throw new NotFound('org');
  const user = newUserItem({
    userId: newId(ID_PREFIX.user),
    orgId: caller.orgId,
    email: input.email,
    name: invitedName(input.email),
    role,
    status: 'NOT_ENABLED',
    passwordHash: '',
    invitedBy: caller.userId,
  });
  await withRetry(() => commit({ puts: [{ item: user }], guardsAdd: [emailGuard(user)], counters: [memberCounter(caller.orgId, 1)] }));
  try {
    await mailToken({ purpose: 'invite', org }, user);
  } catch (e) {
    const undo: TransactionPlan = { ...userRemoval(user), counters: [memberCounter(caller.orgId, -1)] };
    await withRetry(() => commit(undo)).catch((err) => logger.error('could not undo an invitation', err as Error));
    throw e;
  }
}

/**
 * Removes a member from the caller's org: their user and email go, and their sessions stop working at once
 * (every request reads the user row). A root revoking a root must still be a root when it commits.
 */
export async function revokeUserRole(caller: Caller, input: z.output<typeof RevokeUserRoleRequest>): Promise<void> {
  const rootLeftMeanwhile = new Conflict('the org must keep at least one root user');
  const revoked = await withRetry(
    async () => {
      const target = await findUserByEmail(input.email);
      assertCanRevoke(caller, target, input.roleType as Role);
      const plan: TransactionPlan = { ...userRemoval(target), counters: [memberCounter(caller.orgId, -1)] };
      if (target.role === 'root') {
        // The caller is a root who stays: they are the root the org keeps, checked in the same transaction.
        const me = await getUser(caller.orgId, caller.userId);
        if (!me || me.role !== 'root') throw new Conflict('the org must keep at least one root user');
        plan.asserts = [{ key: userKey(me), equals: { role: 'root' }, failure: rootLeftMeanwhile }];
      }
      await commit(plan);
      return target;
    },
    { retryOn: (e) => e === rootLeftMeanwhile },
  );
  forgetSessions({ userId: revoked.userId });
}
