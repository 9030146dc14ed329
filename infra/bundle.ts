/**
 * Bundles every registry module in ONE esbuild build: one entry point per operation, each written to its own
 * directory (`<outdir>/<group>/<operation>/index.mjs`) so every Lambda gets a self-contained asset holding only
 * its own code. A single build shares esbuild's parse cache across the ~300 entries; one build per function
 * at synth time would re-parse the same dependencies hundreds of times.
 *
 * The same build bundles the docs function (functions/docs/serve-docs.ts, not a registry entry) to
 * `<outdir>/docs/serve-docs/`, and the swagger-ui-dist files it reads at run time are copied beside it.
 *
 * Run directly (`node infra/bundle.ts`) to (re)build `dist/functions`; the CDK app calls `bundleFunctions`.
 */
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { moduleFile, operationFileName, type OperationDefinition } from '#shared/registry/operation.ts';
import { groupHome, operationKey } from '#shared/registry/identity.ts';
import { ASSETS, swaggerUiDir } from '#functions/docs/serve-docs.ts';
import type { LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { jobModuleFile, type AnyJob } from '#shared/registry/job.ts';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_BUNDLE_DIR = join(PROJECT_ROOT, 'dist', 'functions');

export interface BundleOptions {
  outdir?: string;
  /** Minify (the deployed shape). Tests may turn it off for speed. */
  minify?: boolean;
  /**
   * Leave `@aws-sdk/*` out and use the SDK v3 that the nodejs24.x runtime ships (its NODE_PATH is searched
   * for ES module imports since nodejs18.x). Default true: it removes ~360 KB from every bundle (the SDK is
   * most of a minified bundle) with no measurable init-time cost (bench/run.ts measures both variants).
   */
  externalSdk?: boolean;
  /**
   * The catalog's workflows (infra/workflow-catalog.ts): each task module is bundled to
   * `<outdir>/workflows/<workflow>/<state-kebab>/`, and the execution-status function beside them.
   */
  workflows?: readonly LoadedWorkflow[];
  /** The job catalog (functions/jobs/index.ts): each job is bundled to `<outdir>/jobs/<name>/`. */
  jobs?: readonly AnyJob[];
}

export interface TaskBundle {
  workflow: string;
  state: string;
  dir: string;
  bytes: number;
}

export interface FunctionBundle {
  /** The operation's identity (shared/registry/identity.ts `operationKey`): what maps of bundles are keyed by. */
  key: string;
  operationId: string;
  group: string;
  /** Directory holding `index.mjs`: the Lambda asset. */
  dir: string;
  /** Bytes of index.mjs. */
  bytes: number;
}

export interface DocsBundle {
  /** Directory holding `index.mjs` and `node_modules/swagger-ui-dist/`: the docs function's asset. */
  dir: string;
  /** Bytes of index.mjs. */
  bytes: number;
  /** Bytes of the copied swagger-ui-dist files. */
  assetBytes: number;
}

export interface BundleResult {
  outdir: string;
  /** One per registry entry, in registry order. */
  functions: FunctionBundle[];
  docs: DocsBundle;
  /** One per Task state of the given workflows. */
  tasks: TaskBundle[];
  /** The execution-status function, when there are workflows. */
  executionStatus?: { dir: string; bytes: number };
  /** One per job of the given catalog. */
  jobs: { name: string; dir: string; bytes: number }[];
  metafile: Metafile;
}

/** The docs function: one module serving `/openapi.json` and `/docs` (not a registry entry). */
export const DOCS_MODULE = 'functions/docs/serve-docs.ts';

/**
 * The swagger-ui-dist files the docs handler reads at run time (its `ASSETS`, and package.json, by which it
 * finds the package), plus the package's LICENSE and NOTICE, which travel with the files (Apache-2.0).
 */
export const DOCS_PACKAGE_FILES: readonly string[] = ['package.json', ...Object.keys(ASSETS), 'LICENSE', 'NOTICE'];

/** Asset directory of the docs function below `outdir`. */
export function docsBundleDir(outdir: string): string {
  return join(outdir, 'docs', 'serve-docs');
}

/** The execution-status function (functions/workflows/record-execution-status.ts): cloud workflows only. */
export const EXECUTION_STATUS_MODULE = 'functions/workflows/record-execution-status.ts';

/** Asset directory of one workflow task below `outdir`. */
export function taskBundleDir(outdir: string, workflow: string, state: string): string {
  return join(outdir, 'workflows', workflow, operationFileName(state));
}

/** Asset directory of one job below `outdir`. */
export function jobBundleDir(outdir: string, name: string): string {
  return join(outdir, 'jobs', name);
}

export function executionStatusBundleDir(outdir: string): string {
  return join(outdir, 'workflows', 'record-execution-status');
}

/** Asset directory of one operation below `outdir`. */
export function bundleDir(outdir: string, op: Pick<OperationDefinition, 'group' | 'operationId'> & { path?: string }): string {
  return join(outdir, groupHome(op), operationFileName(op.operationId));
}

// Some CommonJS dependencies call require() for Node built-ins; an ESM bundle has no require of its own.
const REQUIRE_SHIM = [
  "import { createRequire as __omniCreateRequire } from 'node:module';",
  'const require = __omniCreateRequire(import.meta.url);',
].join('\n');

/**
 * zod's `z` namespace re-exports every message locale (`z.locales`), and a namespace object defeats tree
 * shaking: ~250 KB of translations in every bundle. The handlers only ever use the English messages (zod's
 * default), so the bundles get a locale index that holds English alone.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'zod-english-locale-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: join(args.path, '..'),
      loader: 'js',
    }));
  },
};

export async function bundleFunctions(
  operations: readonly OperationDefinition[],
  opts: BundleOptions = {},
): Promise<BundleResult> {
  const outdir = resolve(opts.outdir ?? DEFAULT_BUNDLE_DIR);
  const entryPoints: Record<string, string> = {};
  for (const op of operations) {
    const key = relative(outdir, join(bundleDir(outdir, op), 'index'));
    if (entryPoints[key]) throw new Error(`two operations bundle to ${key}: ${op.operationId}`);
    entryPoints[key] = join(PROJECT_ROOT, moduleFile(op));
  }
  const docsKey = relative(outdir, join(docsBundleDir(outdir), 'index'));
  if (entryPoints[docsKey]) throw new Error(`an operation bundles to ${docsKey}, the docs function's place`);
  entryPoints[docsKey] = join(PROJECT_ROOT, DOCS_MODULE);
  const workflows = opts.workflows ?? [];
  const entry = (dir: string, file: string) => {
    const key = relative(outdir, join(dir, 'index'));
    if (entryPoints[key]) throw new Error(`two functions bundle to ${key}`);
    entryPoints[key] = join(PROJECT_ROOT, file);
  };
  for (const wf of workflows) for (const t of wf.tasks) entry(taskBundleDir(outdir, wf.name, t.state), t.file);
  if (workflows.length) entry(executionStatusBundleDir(outdir), EXECUTION_STATUS_MODULE);
  const jobs = opts.jobs ?? [];
  for (const j of jobs) entry(jobBundleDir(outdir, j.name), jobModuleFile(j));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each function's asset must stand alone, so no shared chunks.
    splitting: false,
    minify: opts.minify ?? true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Prefer ESM builds of dependencies: better tree shaking.
    mainFields: ['module', 'main'],
    conditions: ['module', 'import'],
    external: (opts.externalSdk ?? true) ? ['@aws-sdk/*'] : [],
    banner: { js: REQUIRE_SHIM },
    legalComments: 'none',
    metafile: true,
    plugins: [englishOnlyZodLocales],
    logLevel: 'warning',
  });
  const metafile = result.metafile;
  const functions = operations.map((op) => {
    const dir = bundleDir(outdir, op);
    const out = metafile.outputs[relative(PROJECT_ROOT, join(dir, 'index.mjs'))];
    if (!out) throw new Error(`esbuild wrote no bundle for ${op.operationId}`);
    return { key: operationKey(op), operationId: op.operationId, group: op.group, dir, bytes: out.bytes };
  });
  const bytesOf = (dir: string) => {
    const out = metafile.outputs[relative(PROJECT_ROOT, join(dir, 'index.mjs'))];
    if (!out) throw new Error(`esbuild wrote no bundle in ${dir}`);
    return out.bytes;
  };
  const tasks = workflows.flatMap((wf) =>
    wf.tasks.map((t) => {
      const dir = taskBundleDir(outdir, wf.name, t.state);
      return { workflow: wf.name, state: t.state, dir, bytes: bytesOf(dir) };
    }),
  );
  const executionStatus = workflows.length
    ? { dir: executionStatusBundleDir(outdir), bytes: bytesOf(executionStatusBundleDir(outdir)) }
    : undefined;
  const jobBundles = jobs.map((j) => ({ name: j.name, dir: jobBundleDir(outdir, j.name), bytes: bytesOf(jobBundleDir(outdir, j.name)) }));
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(metafile));
  return { outdir, functions, docs: copyDocsPackage(outdir, metafile), tasks, executionStatus, jobs: jobBundles, metafile };
}

/**
 * The docs handler finds swagger-ui-dist with `createRequire(import.meta.url)`, which from the bundle's
 * index.mjs looks in `node_modules/` beside it: the files go there, from the installed package.
 */
function copyDocsPackage(outdir: string, metafile: Metafile): DocsBundle {
  const dir = docsBundleDir(outdir);
  const out = metafile.outputs[relative(PROJECT_ROOT, join(dir, 'index.mjs'))];
  if (!out) throw new Error('esbuild wrote no bundle for the docs function');
  const from = swaggerUiDir();
  const to = join(dir, 'node_modules', 'swagger-ui-dist');
  mkdirSync(to, { recursive: true });
  let assetBytes = 0;
  for (const file of DOCS_PACKAGE_FILES) {
    copyFileSync(join(from, file), join(to, file));
    assetBytes += statSync(join(to, file)).size;
  }
  return { dir, bytes: out.bytes, assetBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { operations } = await import('#functions/registry.ts');
  const { workflows } = await import('#functions/workflows/index.ts');
  const { loadWorkflows } = await import('#infra/workflow-catalog.ts');
  const { jobs } = await import('#functions/jobs/index.ts');
  const started = performance.now();
  const out = await bundleFunctions(operations, {
    externalSdk: !process.argv.includes('--bundle-sdk'),
    workflows: await loadWorkflows(workflows),
    jobs,
  });
  const sizes = out.functions.map((f) => f.bytes).sort((a, b) => a - b);
  console.log(
    `bundled ${out.functions.length} functions into ${relative(PROJECT_ROOT, out.outdir)} in ` +
      `${Math.round(performance.now() - started)} ms; median ${Math.round(sizes[sizes.length >> 1] / 1024)} KB, ` +
      `max ${Math.round(sizes[sizes.length - 1] / 1024)} KB; docs ${Math.round(out.docs.bytes / 1024)} KB ` +
      `+ ${Math.round(out.docs.assetBytes / 1024)} KB of swagger-ui-dist`,
  );
}
