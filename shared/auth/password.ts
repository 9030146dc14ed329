/**
 * Password hashing with Node's built-in scrypt (no native addon to build against the Lambda runtime).
 * Hashes are self-describing (`scrypt$N$r$p$salt$hash`) so the cost can be raised later without breaking
 * stored hashes: verification reads the parameters from the string.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { BadRequest } from '#shared/errors.ts';

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export const MIN_PASSWORD_LENGTH = 8;
/** scrypt takes any length, but unbounded inputs are a cheap way to burn our CPU. */
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, n: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  // 128·N·r bytes of memory; the default 32 MiB cap is just below what N=2^15, r=8 needs.
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Throws a 400 naming the field when the password is too weak to store. */
export function checkPasswordPolicy(password: string, field = 'body.password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadRequest(`${field} must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new BadRequest(`${field} must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  }
  if (password.trim().length === 0) throw new BadRequest(`${field} must not be blank`);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, N, R, P, KEY_LENGTH);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  // Refuse parameters we would never write: a tampered row must not make us allocate gigabytes.
  if (!(n >= 2 && n <= 1 << 17 && (n & (n - 1)) === 0 && r >= 1 && r <= 16 && p >= 1 && p <= 4)) return undefined;
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length === 0 || key.length === 0) return undefined;
  return { n, r, p, salt, key };
}

/** A hash of a random secret nobody knows, computed once per process, to spend time on unknown users. */
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

/**
 * Constant-work verification: a missing or unusable stored hash (unknown user, invited user without a
 * password yet) still runs one full scrypt, so the answer takes as long as for a real account.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parsed = stored ? parse(stored) : undefined;
  if (!parsed) {
    const d = parse(await dummyHash())!;
    await derive(password, d.salt, d.n, d.r, d.p, d.key.length);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p, parsed.key.length);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Starts computing the dummy hash early (module init of a cold start) so the first signin is not slower. */
export function warmUpPasswordHashing(): void {
  void dummyHash();
}
