/**
 * The customer side of the users-api: a provider's customers sign up, sign in, reset their password, are
 * invited and leave. The portal-facing operations are called by the provider's portal with the provider's
 * token (access `provider`): that token names the provider the customer belongs to. Each customer user has a
 * customer org of its own (`providerOrgId` set on both), and its email is unique among that provider's
 * customers only.
 *
 * Enumeration, as for providers: CustomerSignin answers the same 400 for an unknown email and a wrong
 * password (both spend one scrypt), and CustomerResetPassword answers the same whether the email exists.
 * Every mutation carries its audit facts: on the user item it writes (`auditFacts`), or, when the user goes, on a
 * marker in the same transaction (`auditMarker`); the record-audit-events job projects them into the log.
 */
import type { z } from 'zod';
import { forgetSessions } from '#shared/auth/authenticate.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { issueToken } from '#shared/auth/jwt.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '#shared/auth/password.ts';
import { auditFacts, auditMarker, type AuditEventInput } from '#shared/data/entities/audit-event.ts';
import { getOrg, memberCounter, newOrgItem, orgKey, type OrgItem } from '#shared/data/entities/org.ts';
import {
  customerEmailGuard,
  customerEmailGuardsOf,
  findCustomerUserByEmail as findByEmail,
  getUser,
  isCustomerUser,
  listUsersOfOrg,
  newCustomerUserItem,
  userKey,
  userRemoval,
  type CustomerUserItem,
  type UserItem,
} from '#shared/data/entities/user.ts';
import { commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import {
  getSubscriptionRole,
  subscriptionMemberCounter,
  subscriptionRoleKey,
  subscriptionRolesOfUser,
  userSubscriptionCounter,
} from '#shared/data/entities/subscription.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import {
  assertCanSignIn,
  assertCustomerMayLeave,
  CUSTOMER_TOKEN_REQUIRED,
  departureOf,
  invitedName,
  portalEnvironmentType,
  WRONG_CREDENTIALS,
} from '#shared/domain/user.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { mailToken } from '#shared/use-cases/mail-token.ts';
import type {
  CustomerInviteUserRequest,
  CustomerResetPasswordRequest,
  CustomerSigninRequest,
  CustomerSigninResult,
  CustomerSignupRequest,
} from '#shared/schemas/users.ts';

/**
 * The customer user of `providerOrgId` with `email` (case-insensitive), or undefined. For other use cases
 * (InviteUser on a subscription invites an existing customer user of the same provider).
 */
export function findCustomerUserByEmail(providerOrgId: string, email: string): Promise<CustomerUserItem | undefined> {
  return findByEmail(providerOrgId, email);
}

/**
 * Registers a customer with the provider of the caller's token: a customer org and its root user
 * (NOT_ENABLED), and mails the verification link (ValidateToken activates). 409 when the email is already a
 * customer of this provider. The body has no environment type: the user signs in to any of the provider's
 * portals.
 */
export async function customerSignup(caller: Caller, input: z.output<typeof CustomerSignupRequest>): Promise<void> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const { org, user } = newCustomer(caller.orgId, {
    email: input.email,
    name: input.name,
    status: 'NOT_ENABLED',
    passwordHash,
    legalCompanyName: input.legalCompanyName,
    description: input.companyDescription ?? '',
    url: input.companyUrl ?? '',
  });
  await createCustomer(org, user, { eventSource: 'Customer', eventType: 'CustomerUserSignedUp', message: `${user.email} signed up`, userId: user.userId, userName: user.name });
  await mailOrUndo(org, user, () => mailToken({ purpose: 'verify' }, user));
}

/**
 * A JWT for a verified customer user of the caller's provider, scoped to that provider and to the portal's
 * environment type (PROD when absent). The same 400 as the provider's Signin for an unknown email or a wrong
 * password; 409 while the email is not verified.
 */
export async function customerSignin(caller: Caller, input: z.output<typeof CustomerSigninRequest>): Promise<z.input<typeof CustomerSigninResult>> {
  if (input.password === undefined) throw new BadRequest('invalid body: body.password is required');
  const user = await findByEmail(caller.orgId, input.email);
  // A full scrypt even when there is no such user, so timing tells nothing.
  const ok = await verifyPassword(input.password, user?.passwordHash);
  assertCanSignIn(user, ok);
  return { jwtToken: await customerToken(user, portalEnvironmentType(input.environmentType)) };
}

/** Mails a reset link (ChangePassword completes it) when the email is a customer of the caller's provider; the answer is the same either way. */
export async function customerResetPassword(caller: Caller, input: z.output<typeof CustomerResetPasswordRequest>): Promise<void> {
  const user = await findByEmail(caller.orgId, input.email);
  if (!user) return;
  // The token the reset writes carries the facts (the user item itself does not change).
  const facts = auditFacts(audited(user, { eventSource: 'Customer', eventType: 'CustomerPasswordResetRequested', message: `a password reset was mailed to ${user.email}`, userId: user.userId, userName: user.name }));
  await mailToken({ purpose: 'reset' }, user, facts);
}

/**
 * The provider invites `email` as a customer: a customer org and its root user without a password
 * (NOT_ENABLED), and an invitation mail; ChangePassword with its token sets the password and activates.
 * 409 when the email is already a customer of this provider.
 */
export async function customerInviteUser(caller: Caller, input: z.output<typeof CustomerInviteUserRequest>): Promise<void> {
  const inviter = await getUser(caller.orgId, caller.userId);
  await inviteCustomerUser(caller.orgId, input.email, { userId: caller.userId, userName: inviter?.name ?? caller.email, eventSource: 'Provider' });
}

/**
 * A new customer user of `providerOrgId` invited by mail (for CustomerInviteUser, and for InviteUser on a
 * subscription when the email is not a customer yet). Answers the user it made; 409 when the email is taken.
 */
export async function inviteCustomerUser(
  providerOrgId: string,
  email: string,
  by: Pick<AuditEventInput, 'userId' | 'userName' | 'eventSource'>,
): Promise<CustomerUserItem> {
  const provider = await getOrg(providerOrgId);
  if (!provider) throw new NotFound('org');
  const { org, user } = newCustomer(providerOrgId, {
    email,
    name: invitedName(email),
    status: 'NOT_ENABLED',
    passwordHash: '',
    invitedBy: by.userId,
    legalCompanyName: '',
    description: '',
    url: '',
  });
  await createCustomer(org, user, { ...by, eventType: 'CustomerUserInvited', message: `${user.email} was invited` });
  await mailOrUndo(org, user, () => mailToken({ purpose: 'invite', org: provider, asCustomer: true }, user));
  return user;
}

/**
 * Removes the calling customer user (a customer token only: 403 otherwise) and its access: its sessions stop
 * at once, its email is free again for this provider, and its customer org goes with its last member. Refused
 * (409) while the user is the only root of a subscription that has instances (`assertCustomerMayLeave`).
 */
export async function customerDeleteUser(caller: Caller): Promise<void> {
  if (!caller.customer) throw new Forbidden(CUSTOMER_TOKEN_REQUIRED);
  const me = await getUser(caller.orgId, caller.userId);
  if (!me || !isCustomerUser(me)) throw new NotFound('user');
  assertCustomerMayLeave(me);
  await dropSubscriptionRoles(me);
  const rootLeftMeanwhile = new Conflict('the org must keep at least one root user');
  await withRetry(
    async () => {
      const members = await listUsersOfOrg(caller.orgId);
      const me = members.find((u) => u.userId === caller.userId);
      if (!me || !isCustomerUser(me)) throw new NotFound('user');
      assertCustomerMayLeave(me);
      const departure = departureOf(me, members);
      // The delete is conditional on the version read, which `soleRootCounter` bumps: a concurrent first
      // instance of a subscription it alone roots makes this a lost race, decided again from a fresh read.
      const plan: TransactionPlan = {
        ...userRemoval(me),
        appends: [auditMarker(userKey(me), audited(me, { eventSource: 'Customer', eventType: 'CustomerUserDeleted', message: `${me.email} deleted their account`, userId: me.userId, userName: me.name }))],
      };
      if (departure.kind === 'lastMember') {
        const org = await getOrg(caller.orgId);
        if (org) plan.deletes!.push({ key: orgKey(org.orgId), version: org.version });
      } else {
        plan.counters = [memberCounter(caller.orgId, -1)];
        if (departure.kind === 'keepRoot') plan.asserts = [{ key: userKey(departure.root), equals: { role: 'root' }, failure: rootLeftMeanwhile }];
      }
      await commit(plan);
    },
    { retryOn: (e) => e === rootLeftMeanwhile },
  );
  forgetSessions({ userId: caller.userId });
}

/**
 * The user's roles on subscriptions go before the user does (each with the subscription's and the user's
 * counters, one small transaction per role, each conditional on the role read), so no subscription lists a
 * user who no longer exists. Idempotent: a delete that stops midway leaves fewer roles, and a retry removes the
 * rest. Bounded by USER_SUBSCRIPTION_LIMIT.
 */
async function dropSubscriptionRoles(user: UserItem): Promise<void> {
  for (const listed of await subscriptionRolesOfUser(user.userId)) {
    await withRetry(async () => {
      const role = await getSubscriptionRole(listed.subscriptionId, user.userId);
      if (!role) return;
      await commit({
        deletes: [{ key: subscriptionRoleKey(role.subscriptionId, user.userId), version: role.version }],
        counters: [subscriptionMemberCounter({ subscriptionId: role.subscriptionId, customerOrgId: role.userOrgId }, -1), userSubscriptionCounter(user, -1)],
      });
    });
  }
}

/**
 * consumption-user-api Signin: HTTP basic credentials of a customer user → a token (PROD scope, as a portal's
 * signin without an environment type). The credentials do not name the provider, so every provider the email
 * is a customer of is tried (one scrypt each; a wrong password still spends one); the same 400 as every
 * signin otherwise. Credentials valid at two providers are ambiguous: 400 naming CustomerSignin.
 */
export async function signinWithBasicCredentials(authorization: string | undefined): Promise<{ token: string }> {
  const { email, password } = basicCredentials(authorization);
  const guards = await customerEmailGuardsOf(email);
  const candidates = (await Promise.all(guards.map((g) => findByEmail(g.providerOrgId, email)))).filter((u) => u !== undefined);
  if (candidates.length === 0) {
    await verifyPassword(password, undefined);
    throw new BadRequest(WRONG_CREDENTIALS);
  }
  const matching: CustomerUserItem[] = [];
  for (const user of candidates) if (await verifyPassword(password, user.passwordHash)) matching.push(user);
  if (matching.length > 1) {
    throw new BadRequest('these credentials belong to customer users of several providers; sign in through the provider portal (CustomerSignin)');
  }
  assertCanSignIn(matching[0], matching.length === 1);
  return { token: await customerToken(matching[0], 'PROD') };
}

// ------------------------------------------------------------------------------------------------ steps

/** `Basic base64(email:password)` → its parts; 401-free: bad credentials are the caller's 400. */
function basicCredentials(header: string | undefined): { email: string; password: string } {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]{1,2048})\s*$/i.exec(header ?? '');
  if (!m) throw new BadRequest('the Authorization header must carry HTTP basic credentials (Basic base64(email:password))');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) throw new BadRequest('the basic credentials must be email:password');
  return { email: decoded.slice(0, colon).trim().toLowerCase(), password: decoded.slice(colon + 1) };
}

function customerToken(user: CustomerUserItem, environmentType: ReturnType<typeof portalEnvironmentType>): Promise<string> {
  return issueToken({
    userId: user.userId,
    orgId: user.orgId,
    role: user.role,
    email: user.email,
    customer: { providerOrgId: user.providerOrgId, environmentType },
  });
}

/** The audit facts of a change to a customer user, for its provider's log and its customer org's view. */
function audited(user: Pick<UserItem, 'orgId'> & { providerOrgId: string }, event: Omit<AuditEventInput, 'providerOrgId' | 'customerOrgId'>): AuditEventInput {
  return { providerOrgId: user.providerOrgId, customerOrgId: user.orgId, ...event };
}

interface NewCustomer {
  email: string;
  name: string;
  status: UserItem['status'];
  passwordHash: string;
  invitedBy?: string;
  legalCompanyName: string;
  description: string;
  url: string;
}

/** The customer org (its own tenant, naming its provider) and its root user. */
function newCustomer(providerOrgId: string, c: NewCustomer): { org: OrgItem; user: CustomerUserItem } {
  const orgId = newId(ID_PREFIX.org);
  const org = newOrgItem(
    {
      orgId,
      name: c.legalCompanyName || c.name,
      description: c.description,
      url: c.url,
      legalCompanyName: c.legalCompanyName,
      serviceProviderId: '',
      providerOrgId,
    },
    1,
  );
  const user = newCustomerUserItem({
    userId: newId(ID_PREFIX.user),
    orgId,
    email: c.email,
    name: c.name,
    role: 'root',
    status: c.status,
    passwordHash: c.passwordHash,
    providerOrgId,
    ...(c.invitedBy ? { invitedBy: c.invitedBy } : {}),
  });
  return { org, user };
}

async function createCustomer(org: OrgItem, user: CustomerUserItem, event: Omit<AuditEventInput, 'providerOrgId' | 'customerOrgId'>): Promise<void> {
  await withRetry(() =>
    commit({ puts: [{ item: org }, { item: { ...user, ...auditFacts(audited(user, event)) } }], guardsAdd: [customerEmailGuard(user)] }),
  );
}

/**
 * Without the mail the account could never be activated, and a client retrying the 5xx would get 409: undo
 * the registration (recorded too) so the retry starts clean.
 */
async function mailOrUndo(org: OrgItem, user: CustomerUserItem, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (e) {
    const undo: TransactionPlan = {
      ...userRemoval(user),
      appends: [auditMarker(userKey(user), audited(user, { eventSource: 'System', eventType: 'CustomerUserRemoved', message: `${user.email} was removed: the mail could not be sent`, userId: '', userName: '' }))],
    };
    undo.deletes!.push({ key: orgKey(org.orgId), version: org.version });
    await withRetry(() => commit(undo)).catch((err) => logger.error('could not undo a customer registration', err as Error));
    throw e;
  }
}
