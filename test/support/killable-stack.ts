/**
 * A real local stack as a child process of its own (its own DATA_DIR, DynamoDB Local with it) that a test can
 * SIGKILL mid-way and start again on the same data: what the resume e2e tests (workflow, promotion, instances)
 * run their stacks with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** The test run's own settings, which must not leak into the child: its table and stack, its Wait override, its failures. */
const TEST_RUN_ONLY = ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'PUBLIC_URL', 'MAIL_TRANSPORT', 'WORKFLOW_LOCAL_WAIT_MS', 'DRIVER_FAILURES'];

export interface KillableStack {
  child: ChildProcess;
  /** The HTTP base URL, when the script serves one. */
  baseUrl?: string;
  dynamo: string;
  output: () => string;
  exited: Promise<number | null>;
}

export interface StartOptions {
  /** The script to run (default the local stack, infra/local/start.ts). */
  script?: string;
  env?: Record<string, string>;
  /** Lines that must all have been printed before the stack counts as started. */
  ready: RegExp[];
}

export function killableStacks(prefix: string) {
  const running = new Set<ChildProcess>();
  const dataDir = mkdtempSync(join(tmpdir(), `omnistrate-${prefix}-`));

  async function start(opts: StartOptions): Promise<KillableStack> {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, ...opts.env };
    for (const k of TEST_RUN_ONLY) if (!opts.env || !(k in opts.env)) delete env[k];
    const child = spawn(process.execPath, [opts.script ?? 'infra/local/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => (running.delete(child), ok(code))));
    const deadline = Date.now() + 60_000;
    // Every start line (they may arrive in separate chunks).
    while (!opts.ready.every((r) => r.test(out))) {
      if (child.exitCode !== null) throw new Error(`stack exited during start:\n${out}`);
      if (Date.now() > deadline) throw new Error(`stack not ready within 60 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const baseUrl = /ready at (\S+)/.exec(out)?.[1];
    return { child, ...(baseUrl ? { baseUrl } : {}), dynamo: /DynamoDB Local: (\S+)/.exec(out)![1]!, output: () => out, exited };
  }

  /** SIGKILLs the whole process group (DynamoDB Local with it), as a crash would. */
  async function kill(stack: KillableStack): Promise<void> {
    process.kill(-stack.child.pid!, 'SIGKILL');
    await stack.exited;
  }

  /** For afterAll: kills what still runs and removes the data. */
  function cleanUp(): void {
    for (const child of running) process.kill(-child.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { dataDir, start, kill, cleanUp };
}

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
