/**
 * The layers of docs/decisions/005, checked on every source file's imports: endpoints → use cases → domain and
 * entities → the store. A value import that points up (or sideways where the decision forbids it) fails here;
 * type-only imports may cross, as long as they form no cycle (test/unit/import-cycles.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((n) => {
    const p = join(dir, n);
    return statSync(join(root, p)).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Value imports (not `import type`) of project modules, as `#shared/...` / `#functions/...` specifiers. */
function valueImports(file: string): string[] {
  const src = readFileSync(join(root, file), 'utf8');
  return [...src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(#[^']+)'/gms)].map((m) => m[1]);
}

/** For each layer: which project modules it may import values from. */
const rules: { layer: string; files: string[]; allowed: RegExp }[] = [
  {
    layer: 'endpoints (functions/<group>/)',
    files: sources('functions').filter((f) => !f.startsWith('functions/docs/') && !f.startsWith('functions/workflows/') && !f.startsWith('functions/jobs/')),
    allowed: /^#(functions\/[\w-]+\/[\w-]+\.ts|shared\/(registry|http|schemas|use-cases)\/|shared\/auth\/password\.ts$)/,
  },
  {
    // Task modules: defineTask + taskHandler, `run` calls a use case; the execution-status function records ends.
    layer: 'workflow tasks (functions/workflows/)',
    files: sources('functions/workflows'),
    allowed: /^#(shared\/(registry|schemas|use-cases)\/|shared\/workflows\/(task-handler|execution)\.ts$|shared\/logger\.ts$)/,
  },
  {
    // Job modules: defineJob + scheduledHandler, `run` calls a use case (the catalog may read the workflow catalog).
    layer: 'jobs (functions/jobs/)',
    files: sources('functions/jobs'),
    allowed: /^#(functions\/(jobs|workflows)\/[\w-]+\.ts$|shared\/(registry|use-cases)\/|shared\/jobs\/job-handler\.ts$)/,
  },
  // Driver adapters know the port, settings and the log; what they did is recorded by the use case (shared/use-cases/drivers.ts).
  { layer: 'deployment drivers (shared/drivers/)', files: sources('shared/drivers'), allowed: /^#shared\/(drivers\/|config\.ts$|errors\.ts$|logger\.ts$)/ },
  { layer: 'the job factory (shared/jobs/)', files: sources('shared/jobs'), allowed: /^#shared\/(registry\/|logger\.ts$)/ },
  {
    layer: 'the workflow engine (shared/workflows/)',
    files: sources('shared/workflows'),
    allowed: /^#shared\/(data\/|domain\/|registry\/|workflows\/execution\.ts$|errors\.ts$|config\.ts$|logger\.ts$)/,
  },
  {
    layer: 'use cases',
    files: sources('shared/use-cases'),
    // Ports: mail, blobs, registries, deployment drivers, the workflow start and task tokens (shared/workflows/).
    allowed: /^#shared\/(use-cases|domain|data|schemas|errors\.ts|mail|blobs|registries|drivers|auth|config\.ts|logger\.ts|workflows\/(start|task-token)\.ts$)/,
  },
  // Roles and what they may do (shared/auth/caller.ts) are rules too: pure, no I/O.
  { layer: 'domain', files: sources('shared/domain'), allowed: /^#shared\/(domain\/|errors\.ts$|schemas\/|auth\/caller\.ts$)/ },
  {
    layer: 'entities',
    files: sources('shared/data/entities'),
    // input-/output-parameter are thin faces of the one parameter entity (parameter.ts).
    allowed: /^#shared\/(data\/(store|keys|table|item-limits|client)\.ts|data\/entities\/parameter\.ts|errors\.ts|domain\/ids\.ts|config\.ts)$/,
  },
  {
    layer: 'the store and keys',
    files: sources('shared/data').filter((f) => !f.startsWith('shared/data/entities/')),
    allowed: /^#shared\/(data\/(client|table|item-limits|page-token|store)\.ts|errors\.ts|secrets\.ts|config\.ts)$/,
  },
];

describe('layers import downward only', () => {
  for (const { layer, files, allowed } of rules) {
    it(`${layer} import values only from the layers below`, () => {
      expect(files.length).toBeGreaterThan(0);
      const offending = files.flatMap((f) => valueImports(f).filter((spec) => !allowed.test(spec)).map((spec) => `${relative(root, join(root, f))} → ${spec}`));
      expect(offending).toEqual([]);
    });
  }
});
