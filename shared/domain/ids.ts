/**
 * Entity ids as clients expect them: `<prefix>-<10 random [A-Za-z0-9]>` (e.g. `s-ThS3SMI6ec`);
 * resources and instances use DNS-safe lower case.
 */
import { randomInt } from 'node:crypto';

const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function random(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export const ID_PREFIX = {
  org: 'org',
  user: 'user',
  service: 's',
  environment: 'se',
  serviceApi: 'sa',
  serviceModel: 'sm',
  productTier: 'pt',
  resource: 'r',
  deploymentConfig: 'dc',
  inputParameter: 'ip',
  outputParameter: 'op',
  file: 'f',
  subscription: 'sub',
  subscriptionRequest: 'subr',
  accountConfig: 'ac',
  serviceProvider: 'sp',
  invoice: 'inv',
} as const;

export function newId(prefix: string): string {
  return `${prefix}-${random(MIXED, 10)}`;
}

/** Lower-case ids for things that end up in DNS names or kube objects. */
export function newLowerId(prefix: string, n = 10): string {
  return `${prefix}-${random(LOWER, n)}`;
}

/**
 * Clients sometimes echo a JSON-string id with its quotes (`"s-abc"`): strip quotes and whitespace.
 */
export function cleanId(raw: string): string {
  return raw.trim().replace(/^"+|"+$/g, '').trim();
}
