/** What the build tests share: the fixture compose file, its file contents, a build call, and partition snapshots. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { operation as build } from '#functions/service/build-service-from-compose-spec.ts';
import { keys } from '#shared/data/keys.ts';
import { queryAll } from '#shared/data/store.ts';
import { invoke } from '../../support/invoke.ts';
import type { TestSession } from '../../support/session.ts';

export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The Postgres cluster of test/fixtures/postgres-cluster.yaml, as text. */
export const composeFixture = () => readFileSync(resolve(import.meta.dirname, '../../fixtures/postgres-cluster.yaml'), 'utf8');

/** The bytes of the fixture's config and secret, as the CLI sends them (base64 per compose name). */
export const FILES = {
  configs: { pgbouncer_ini: b64('[pgbouncer]\nlisten_port = 6432\n') },
  secrets: { replication_password: b64('repl-secret') },
};

export const runBuild = (s: TestSession, body: Record<string, unknown>) => invoke(build, { token: s.token, body });

/** Every item of a service's partition (or of an org's), sorted by key: equal snapshots mean nothing was written. */
export async function partitionItems(serviceId?: string, orgId?: string): Promise<unknown[]> {
  const partition = serviceId ? keys.servicePartition(serviceId) : { partition: keys.org(orgId!).pk };
  const items = await queryAll<{ pk: string; sk: string }>(partition);
  return items.sort((a, b) => a.sk.localeCompare(b.sk));
}
