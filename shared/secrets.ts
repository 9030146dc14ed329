/**
 * Signing keys: the JWT key and the page-token key. Generated into `$DATA_DIR/secrets.json` locally;
 * read once per cold start from Secrets Manager in AWS. Loaded lazily so module init stays cheap.
 */
import { randomBytes } from 'node:crypto';
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

let cached: Promise<Secrets> | undefined;

export function getSecrets(): Promise<Secrets> {
  cached ??= load().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

function decode(s: StoredSecrets): Secrets {
  return { jwtKey: Buffer.from(s.jwtKey, 'base64'), pageKey: Buffer.from(s.pageKey, 'base64') };
}

async function load(): Promise<Secrets> {
  const arn = config.secretArn;
  if (arn) {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    return decode(JSON.parse(out.SecretString ?? '{}') as StoredSecrets);
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
