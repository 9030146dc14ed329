/**
 * Wire schemas of the signup-api group (Signup, ValidateToken, RegenerateToken, ResetPassword,
 * ChangePassword), and the email, password and token fields the signin and users groups share. Names follow
 * the reference's schema names; descriptions are our own. Password strength is checked in
 * shared/auth/password.ts so the 400 can say what is wrong; the schema only bounds the length, because
 * scrypt over an unbounded input is a cheap way to burn CPU (signin hashes before it knows the user).
 */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '#shared/auth/password.ts';

/** RFC 5321's limit on an address in a mail path. */
export const MAX_EMAIL_LENGTH = 254;

/** Emails are compared case-insensitively everywhere; trimmed and lower-cased before validation. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`)
  .pipe(z.email('is not a valid email address'))
  .meta({ description: 'Email address (case-insensitive).' });

export const Password = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
  .meta({ description: 'Password in clear (sent over TLS).' });

/** Legacy clients may send a password hash; it is accepted and ignored (only clear passwords can be checked). */
export const PasswordHash = z.string().max(1024, 'must be at most 1024 characters');

export const OneTimeToken = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .meta({ description: 'The one-time token from the mail.' });

/** A person's or an org's name. 200 characters keeps DescribeUsersByOrg's answer bounded (docs/data-model.md). */
export const MAX_NAME_LENGTH = 200;

/** Trimmed and bounded. */
export const trimmed = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const SignupRequest = z
  .object({
    email: Email,
    name: trimmed(MAX_NAME_LENGTH).min(1, 'must not be empty').meta({ description: 'Full name of the user.' }),
    password: Password,
    legalCompanyName: trimmed(MAX_NAME_LENGTH).default('').meta({ description: 'Legal name of the company; also the org name.' }),
    companyDescription: trimmed(2000).optional(),
    companyUrl: trimmed(2000).optional(),
  })
  .meta({ id: 'SignupRequest' });

export const ValidateTokenRequest = z.object({ email: Email, token: OneTimeToken }).meta({ id: 'ValidateTokenRequest' });

export const ResetPasswordRequest = z.object({ email: Email }).meta({ id: 'ResetPasswordRequest' });

export const ChangePasswordRequest = z
  .object({ email: Email, token: OneTimeToken, password: Password })
  .meta({ id: 'ChangePasswordRequest' });
