/**
 * The signin-api use case. Enumeration: an unknown email and a wrong password get the same 400, and both
 * spend one scrypt, so neither the answer nor its timing tells whether the account exists.
 */
import type { z } from 'zod';
import { issueToken } from '#shared/auth/jwt.ts';
import { verifyPassword } from '#shared/auth/password.ts';
import { findUserByEmail } from '#shared/data/entities/user.ts';
import { assertCanSignIn } from '#shared/domain/user.ts';
import { BadRequest } from '#shared/errors.ts';
import type { SigninRequest, SigninResult } from '#shared/schemas/signin.ts';

export async function signin(input: z.output<typeof SigninRequest>): Promise<z.input<typeof SigninResult>> {
  if (input.password === undefined) throw new BadRequest('invalid body: body.password is required');
  const user = await findUserByEmail(input.email);
  // Runs a full scrypt even when there is no such user (or no password yet), so timing tells nothing.
  const ok = await verifyPassword(input.password, user?.passwordHash);
  assertCanSignIn(user, ok);
  return { jwtToken: await issueToken({ userId: user.userId, orgId: user.orgId, role: user.role, email: user.email }) };
}
