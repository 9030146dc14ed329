/**
 * The local stand-in for EventBridge schedules (docs/decisions/007): calls each catalog job's module — its
 * exported `handler`, the very function the cloud rule invokes — every period of its `rate(...)` schedule.
 * The first run is one period after start. A job still running when its next tick comes skips that tick
 * (EventBridge would overlap; locally one at a time is kinder). A failed run is logged by the job factory and
 * the schedule goes on. `cron(...)` schedules are not run locally (a warning says so).
 *
 * Config: `JOBS_LOCAL=off` runs no job (the test setup sets it); `JOBS_LOCAL_INTERVAL_MS=<ms>` runs every
 * job at that interval instead of its own (to watch a job without waiting minutes).
 * `stop()` clears the timers and waits (at most `graceMs`) for runs in flight.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isScheduled, jobModuleFile, parseRate, type AnyJob } from '#shared/registry/job.ts';
import type { JobHandler } from '#shared/jobs/job-handler.ts';
import { logger } from '#shared/logger.ts';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface SchedulerOptions {
  /** The catalog; only its scheduled jobs are run here (stream jobs: infra/local/stream-poller.ts). */
  jobs: readonly AnyJob[];
  /** Default: JOBS_LOCAL !== 'off'. */
  enabled?: boolean;
  /** Every job's period instead of its schedule's (default: JOBS_LOCAL_INTERVAL_MS when set). */
  intervalMs?: number;
}

export interface LocalScheduler {
  /** The jobs on a timer, with their period. */
  scheduled: { name: string; periodMs: number }[];
  /** Runs one job now through its module's handler (what a tick does); resolves with its result. */
  runNow(name: string): Promise<unknown>;
  stop(opts?: { graceMs?: number }): Promise<void>;
}

/** The scheduler's settings from the environment. */
export function schedulerConfig(env: NodeJS.ProcessEnv = process.env): { enabled: boolean; intervalMs?: number } {
  const raw = env.JOBS_LOCAL_INTERVAL_MS;
  const ms = raw ? Number(raw) : NaN;
  return { enabled: env.JOBS_LOCAL !== 'off', intervalMs: Number.isFinite(ms) && ms > 0 ? ms : undefined };
}

async function handlerOf(job: AnyJob): Promise<JobHandler> {
  const mod = (await import(pathToFileURL(join(PROJECT_ROOT, jobModuleFile(job))).href)) as { handler?: JobHandler };
  if (typeof mod.handler !== 'function') throw new Error(`${jobModuleFile(job)} exports no handler`);
  return mod.handler;
}

export function startScheduler(opts: SchedulerOptions): LocalScheduler {
  const env = schedulerConfig();
  const enabled = opts.enabled ?? env.enabled;
  const intervalMs = opts.intervalMs ?? env.intervalMs;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  const scheduledJobs = opts.jobs.filter(isScheduled);
  const byName = new Map(scheduledJobs.map((j) => [j.name, j]));

  function runNow(name: string): Promise<unknown> {
    const job = byName.get(name);
    if (!job) return Promise.reject(new Error(`no job ${name}`));
    const going = running.get(name);
    if (going) return going;
    const run = handlerOf(job)
      .then((h) => h({ time: new Date().toISOString() }))
      .finally(() => running.delete(name));
    running.set(name, run);
    return run;
  }

  const scheduled: LocalScheduler['scheduled'] = [];
  if (enabled) {
    for (const job of scheduledJobs) {
      const rate = parseRate(job.trigger.schedule);
      if (!rate && !intervalMs) {
        logger.warn(`job ${job.name}: the local scheduler runs only rate(...) schedules, not ${job.trigger.schedule}; it will not run locally`);
        continue;
      }
      const periodMs = intervalMs ?? rate!.ms;
      const tick = () => {
        if (stopped) return;
        if (!running.has(job.name)) runNow(job.name).catch(() => {}); // logged by the job factory
        timers.set(job.name, setTimeout(tick, periodMs).unref());
      };
      timers.set(job.name, setTimeout(tick, periodMs).unref());
      scheduled.push({ name: job.name, periodMs });
    }
  }

  return {
    scheduled,
    runNow,
    async stop({ graceMs = 5_000 } = {}) {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (!running.size) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running.values()]),
        new Promise((ok) => (timer = setTimeout(ok, graceMs).unref())),
      ]);
      clearTimeout(timer);
    },
  };
}
