/**
 * Wire schemas of the users-api group. Request schemas keep the reference's wire names as their `meta` id
 * (`UpdateUserRequest2`, …) under clearer TypeScript names. Responses are what we write, so only the member
 * list declares its bound (the org's member limit).
 */
import { z } from 'zod';
import { ROLES } from '#shared/auth/caller.ts';
import { MAX_PASSWORD_LENGTH } from '#shared/auth/password.ts';
import { ORG_MEMBER_LIMIT } from '#shared/data/entities/org.ts';
import { LIMITS, list, text } from '#shared/schemas/common.ts';
import { Email, MAX_NAME_LENGTH, Password, PasswordHash, trimmed } from '#shared/schemas/signup.ts';
import { EnvironmentTypeInput } from '#shared/schemas/service-environment.ts';

export const Address = z.object({
  addressLine1: text(),
  addressLine2: text().optional(),
  addressLine3: text().optional(),
  city: text(),
  country: text(),
  state: text(),
  zip: text(),
});

export const DescribeUserResult = z
  .object({
    id: z.string().meta({ description: 'User id.' }),
    email: z.string(),
    name: z.string(),
    roleType: z.string().meta({ description: 'Role in the org: root, admin, editor, reader, …' }),
    status: z.string().meta({ description: 'ACTIVE or NOT_ENABLED.' }),
    enabled: z.boolean(),
    createdAt: z.string(),
    lastModifiedAt: z.string(),
    planName: z.string(),
    address: Address.optional(),
    orgId: z.string(),
    orgName: z.string(),
    orgDescription: z.string(),
    orgURL: z.string(),
    orgLogoURL: z.string(),
    orgFavIconURL: z.string(),
    orgSupportEmail: z.string(),
    orgPrivacyPolicy: z.string(),
    orgTermsOfUse: z.string(),
    orgCookiePolicy: z.string(),
  })
  .meta({ id: 'DescribeUserResult' });

export const UpdateUserRequest = z
  .object({
    name: trimmed(MAX_NAME_LENGTH).min(1, 'must not be empty').optional(),
    address: Address.optional(),
    orgName: trimmed(MAX_NAME_LENGTH).min(1, 'must not be empty').optional(),
    orgDescription: trimmed(2000).optional(),
    orgURL: trimmed(2000).optional(),
    orgLogoURL: trimmed(2000).optional(),
    orgFavIconURL: trimmed(2000).optional(),
    orgSupportEmail: trimmed(320).optional(),
    orgPrivacyPolicy: trimmed(100_000).optional(),
    orgTermsOfUse: trimmed(100_000).optional(),
    orgCookiePolicy: trimmed(100_000).optional(),
  })
  .meta({ id: 'UpdateUserRequest2' });

export const UpdatePasswordRequest = z
  .object({
    password: Password.meta({ description: 'The new password.' }),
    // Optional on the wire (the reference requires only password); the use case answers 400 naming it.
    currentPassword: z.string().max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`).optional(),
    currentPasswordHash: PasswordHash.optional(),
  })
  .meta({ id: 'UpdatePasswordRequest2' });

export const OrgUser = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  roleType: z.string(),
  invitedAt: z.string().meta({ description: 'When the user joined or was invited.' }),
});

export const DescribeUsersByOrgResult = z
  .object({
    Id: z.string().meta({ description: 'The org id.' }),
    orgUsers: list(OrgUser, ORG_MEMBER_LIMIT).meta({ description: `Every member of the org (at most ${ORG_MEMBER_LIMIT}).` }),
  })
  .meta({ id: 'DescribeUsersByOrgResult' });

const RoleType = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.name, `must be at most ${LIMITS.name} characters`)
  .pipe(z.enum(ROLES as [string, ...string[]], { error: `must be one of ${ROLES.join(', ')}` }))
  .meta({ description: 'Role in the org.' });

export const InviteUserRequest = z.object({ email: Email, roleType: RoleType }).meta({ id: 'InviteUserRequest2' });

export const RevokeUserRoleRequest = z.object({ email: Email, roleType: RoleType }).meta({ id: 'RevokeUserRoleRequest2' });

// ------------------------------------------------------------------------------------------ customers
// CustomerSignup, CustomerSignin, CustomerResetPassword, CustomerInviteUser (the provider's portal calls them
// with the provider's token). Portals lower-case keys (`legalcompanyname`); the handler matches body keys
// case-insensitively, so the schemas keep the reference's spelling.

export const CustomerSignupRequest = z
  .object({
    email: Email,
    name: trimmed(MAX_NAME_LENGTH).min(1, 'must not be empty').meta({ description: 'Full name of the customer user.' }),
    password: Password,
    legalCompanyName: trimmed(MAX_NAME_LENGTH).default('').meta({ description: "Legal name of the customer's company; also its org name." }),
    companyDescription: trimmed(2000).optional(),
    companyUrl: trimmed(2000).optional(),
  })
  .meta({ id: 'CustomerSignupRequest2' });

export const CustomerSigninRequest = z
  .object({
    email: Email,
    // Optional on the wire (the reference requires only email); the use case answers 400 naming it.
    password: Password.optional(),
    hashedPassword: PasswordHash.optional(),
    environmentType: EnvironmentTypeInput.optional().meta({
      description: 'The environment type of the portal signed in to (any case); PROD when absent. The token sees only that type.',
    }),
  })
  .meta({ id: 'CustomerSigninRequest2' });

export const CustomerSigninResult = z
  .object({ jwtToken: z.string().meta({ description: 'Session JWT of the customer user, scoped to its provider and the environment type.' }) })
  .meta({ id: 'CustomerSigninResult' });

export const CustomerResetPasswordRequest = z.object({ email: Email }).meta({ id: 'CustomerResetPasswordRequest2' });

export const CustomerInviteUserRequest = z.object({ email: Email }).meta({ id: 'CustomerInviteUserRequest2' });

/**
 * consumption-user-api Signin's answer (kept here with the other customer sign-ins rather than in a
 * consumption-user schema file, which the subscription work owns).
 */
export const ConsumptionServiceAuthResult = z
  .object({ token: z.string().meta({ description: 'Session JWT of the customer user (PROD scope).' }) })
  .meta({ id: 'ConsumptionServiceAuthResult' });
