/**
 * The cloud secret holds only the generated seed (DataStack): both signing keys must come out of it, stable
 * across cold starts, distinct from each other, 32 bytes each.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSecrets, resetSecretsCache, GENERATED_SECRET_FIELD } from '#shared/secrets.ts';

let secretString = '';
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    async send() {
      return { SecretString: secretString };
    }
  },
  GetSecretValueCommand: class {},
}));

const previousArn = process.env.SECRET_ARN;
beforeEach(() => {
  process.env.SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:keys-AbCdEf';
  resetSecretsCache();
});
afterAll(() => {
  if (previousArn === undefined) delete process.env.SECRET_ARN;
  else process.env.SECRET_ARN = previousArn;
  resetSecretsCache();
});

describe('signing keys from the generated cloud secret', () => {
  it('derives two distinct 32-byte keys from the seed, the same on every cold start', async () => {
    secretString = JSON.stringify({ [GENERATED_SECRET_FIELD]: 'a'.repeat(20) + 'B7'.repeat(22) });
    const first = await getSecrets();
    resetSecretsCache();
    const again = await getSecrets();
    expect(first.jwtKey).toHaveLength(32);
    expect(first.pageKey).toHaveLength(32);
    expect(Buffer.from(first.jwtKey).equals(Buffer.from(first.pageKey))).toBe(false);
    expect(Buffer.from(again.jwtKey).equals(Buffer.from(first.jwtKey))).toBe(true);
    expect(Buffer.from(again.pageKey).equals(Buffer.from(first.pageKey))).toBe(true);
  });

  it('gives another seed other keys', async () => {
    secretString = JSON.stringify({ [GENERATED_SECRET_FIELD]: 'x'.repeat(64) });
    const a = await getSecrets();
    resetSecretsCache();
    secretString = JSON.stringify({ [GENERATED_SECRET_FIELD]: 'y'.repeat(64) });
    const b = await getSecrets();
    expect(Buffer.from(a.jwtKey).equals(Buffer.from(b.jwtKey))).toBe(false);
  });

  it('still reads an explicit {jwtKey, pageKey} secret', async () => {
    const jwtKey = Buffer.alloc(32, 1);
    const pageKey = Buffer.alloc(32, 2);
    secretString = JSON.stringify({ jwtKey: jwtKey.toString('base64'), pageKey: pageKey.toString('base64') });
    const keys = await getSecrets();
    expect(Buffer.from(keys.jwtKey).equals(jwtKey)).toBe(true);
    expect(Buffer.from(keys.pageKey).equals(pageKey)).toBe(true);
  });
});
