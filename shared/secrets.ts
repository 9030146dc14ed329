/**
 * Signing keys: the JWT key and the page-token key. Generated into `$DATA_DIR/secrets.json` locally;
 * read once per cold start from Secrets Manager in AWS. Loaded lazily so module init stays cheap.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '#shared/config.ts';

export interface Secrets {
  jwtKey: Uint8Array;
  pageKey: Uint8Array;
}

interface StoredSecrets {
  jwtKey: string;
  pageKey: string;
}

/**
 * The field CloudFormation generates in the cloud secret (`{"seed": "<64 random alphanumerics>"}`): it can
 * fill only one random field per secret, so both keys are derived from that seed.
 */
export const GENERATED_SECRET_FIELD = 'seed';

function deriveKey(seed: string, label: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', Buffer.from(seed, 'utf8'), Buffer.alloc(0), label, 32));
}

let cached: Promise<Secrets> | undefined;

export function getSecrets(): Promise<Secrets> {
  cached ??= load().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

function decode(s: StoredSecrets | { [GENERATED_SECRET_FIELD]: string }): Secrets {
  if (GENERATED_SECRET_FIELD in s) {
    const seed = s[GENERATED_SECRET_FIELD];
    return { jwtKey: deriveKey(seed, 'omnistrate/jwt'), pageKey: deriveKey(seed, 'omnistrate/page-token') };
  }
  return { jwtKey: Buffer.from(s.jwtKey, 'base64'), pageKey: Buffer.from(s.pageKey, 'base64') };
}

async function load(): Promise<Secrets> {
  const arn = config.secretArn;
  if (arn) {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    return decode(JSON.parse(out.SecretString ?? '{}'));
  }
  return decode(ensureLocalSecrets(config.dataDir));
}

/** Creates the local secrets file on first use; later starts reuse it so tokens survive restarts. */
export function ensureLocalSecrets(dataDir: string): StoredSecrets {
  const file = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const fresh: StoredSecrets = {
      jwtKey: randomBytes(32).toString('base64'),
      pageKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
    return fresh;
  }
}

/** Test hook: forget cached keys. */
export function resetSecretsCache(): void {
  cached = undefined;
}
