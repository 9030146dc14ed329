/** Wire schemas of the signin-api group (Signin). */
import { z } from 'zod';
import { Email, Password, PasswordHash } from '#shared/schemas/signup.ts';

export const SigninRequest = z
  .object({
    email: Email,
    // Optional on the wire (the reference requires only email); the use case answers 400 naming it.
    password: Password.optional(),
    // Accepted for wire compatibility; only the clear password can be checked against our scrypt hashes.
    hashedPassword: PasswordHash.optional(),
  })
  .meta({ id: 'SigninRequest' });

export const SigninResult = z
  .object({ jwtToken: z.string().meta({ description: 'Session JWT (HS256) with exp, iat, sub, org and role claims.' }) })
  .meta({ id: 'SigninResult' });
