/**
 * The reference route tables beside the checkout (`../shared/reference/routes.tsv` for the Registration API,
 * `fleet-routes.tsv` for the Fleet API), or undefined when they are not there (a checkout on its own):
 * capacity tests then check only what is registered. `OMNISTRATE_REFERENCE_DIR` points elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpMethod } from '#shared/registry/operation.ts';
import { PROJECT_ROOT } from '#infra/bundle.ts';

export interface ReferenceRoute {
  group: string;
  operationId: string;
  method: HttpMethod;
  path: string;
}

export interface Reference {
  registration: ReferenceRoute[];
  fleet: ReferenceRoute[];
}

const DIR = process.env.OMNISTRATE_REFERENCE_DIR ?? join(PROJECT_ROOT, '..', 'shared', 'reference');

function readTable(file: string): ReferenceRoute[] {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header.split('\t');
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [tag, operation, method, path] = ['tag', 'operation', 'method', 'path'].map(at);
  return rows.map((line) => {
    const c = line.split('\t');
    return { group: c[tag], operationId: c[operation], method: c[method] as HttpMethod, path: c[path] };
  });
}

export function readReference(): Reference | undefined {
  const registration = join(DIR, 'routes.tsv');
  const fleet = join(DIR, 'fleet-routes.tsv');
  if (!existsSync(registration) || !existsSync(fleet)) return undefined;
  return { registration: readTable(registration), fleet: readTable(fleet) };
}
readReference.dir = DIR;
