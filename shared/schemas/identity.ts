/**
 * Wire schemas of signup, signin and the users API. Names follow the reference's schema names; the
 * descriptions are our own. Password strength is checked in the domain (shared/auth/password.ts) so the
 * 400 message can say what is wrong.
 */
import { z } from 'zod';
import { ROLES } from '#shared/auth/caller.ts';

/** Emails are compared case-insensitively everywhere; trimmed and lower-cased before validation. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('is not a valid email address'))
  .meta({ description: 'Email address (case-insensitive).' });

const Password = z.string().min(1, 'must not be empty').meta({ description: 'Password in clear (sent over TLS).' });
const OneTimeToken = z.string().trim().min(1, 'must not be empty').max(512).meta({ description: 'The one-time token from the mail.' });

export const SignupRequest = z
  .object({
    email: Email,
    name: z.string().trim().min(1, 'must not be empty').max(200).meta({ description: 'Full name of the user.' }),
    password: Password,
    legalCompanyName: z.string().trim().max(200).default('').meta({ description: 'Legal name of the company; also the org name.' }),
    companyDescription: z.string().trim().max(2000).optional(),
    companyUrl: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'SignupRequest' });

export const ValidateTokenRequest = z
  .object({ email: Email, token: OneTimeToken })
  .meta({ id: 'ValidateTokenRequest' });

export const ResetPasswordRequest = z.object({ email: Email }).meta({ id: 'ResetPasswordRequest' });

export const ChangePasswordRequest = z
  .object({ email: Email, token: OneTimeToken, password: Password })
  .meta({ id: 'ChangePasswordRequest' });

export const SigninRequest = z
  .object({
    email: Email,
    password: Password.optional(),
    // Accepted for wire compatibility; only the clear password can be checked against our scrypt hashes.
    hashedPassword: z.string().optional(),
  })
  .meta({ id: 'SigninRequest' });

export const SigninResult = z
  .object({ jwtToken: z.string().meta({ description: 'Session JWT (HS256) with exp, iat, sub, org and role claims.' }) })
  .meta({ id: 'SigninResult' });

export const Address = z.object({
  addressLine1: z.string(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string(),
  country: z.string(),
  state: z.string(),
  zip: z.string(),
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

const Text = (max: number) => z.string().trim().max(max);

export const UpdateUserRequest2 = z
  .object({
    name: Text(200).min(1, 'must not be empty').optional(),
    address: Address.optional(),
    orgName: Text(200).min(1, 'must not be empty').optional(),
    orgDescription: Text(2000).optional(),
    orgURL: Text(2000).optional(),
    orgLogoURL: Text(2000).optional(),
    orgFavIconURL: Text(2000).optional(),
    orgSupportEmail: Text(320).optional(),
    orgPrivacyPolicy: Text(100_000).optional(),
    orgTermsOfUse: Text(100_000).optional(),
    orgCookiePolicy: Text(100_000).optional(),
  })
  .meta({ id: 'UpdateUserRequest2' });

export const UpdatePasswordRequest2 = z
  .object({
    password: Password.meta({ description: 'The new password.' }),
    currentPassword: z.string().optional(),
    currentPasswordHash: z.string().optional(),
  })
  .meta({ id: 'UpdatePasswordRequest2' });

export const OrgUsers = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  roleType: z.string(),
  invitedAt: z.string().meta({ description: 'When the user joined or was invited.' }),
});

export const DescribeUsersByOrgResult = z
  .object({
    Id: z.string().meta({ description: 'The org id.' }),
    orgUsers: z.array(OrgUsers),
  })
  .meta({ id: 'DescribeUsersByOrgResult' });

const RoleType = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(ROLES as [string, ...string[]], { error: `must be one of ${ROLES.join(', ')}` }))
  .meta({ description: 'Role in the org.' });

export const InviteUserRequest2 = z.object({ email: Email, roleType: RoleType }).meta({ id: 'InviteUserRequest2' });

export const RevokeUserRoleRequest2 = z
  .object({ email: Email, roleType: RoleType })
  .meta({ id: 'RevokeUserRoleRequest2' });
