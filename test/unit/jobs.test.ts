/** Job declarations: the schedule parser, the job factory's failure path, the local scheduler's ticks and stop. */
import { describe, expect, it } from 'vitest';
import { defineJob, isScheduled, isStreamJob, parseRate } from '#shared/registry/job.ts';
import { scheduledHandler, streamHandler } from '#shared/jobs/job-handler.ts';
import { schedulerConfig, startScheduler } from '#infra/local/scheduler.ts';
import { jobs } from '#functions/jobs/index.ts';
import { existsSync } from 'node:fs';
import { jobModuleFile } from '#shared/registry/job.ts';

describe('parseRate', () => {
  it('reads EventBridge rate expressions', () => {
    expect(parseRate('rate(5 minutes)')).toEqual({ every: 5, unit: 'minute', ms: 300_000 });
    expect(parseRate('rate(1 minute)')).toEqual({ every: 1, unit: 'minute', ms: 60_000 });
    expect(parseRate('rate(1 hour)')).toEqual({ every: 1, unit: 'hour', ms: 3_600_000 });
    expect(parseRate('rate(2 hours)')?.ms).toBe(7_200_000);
    expect(parseRate('rate(3 days)')?.ms).toBe(3 * 86_400_000);
  });

  it('refuses what EventBridge refuses, and cron', () => {
    for (const bad of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(-1 hours)', 'rate(1.5 hours)', 'rate(5 seconds)', 'rate(5  minutes)', 'cron(0 3 * * ? *)', '']) {
      expect(parseRate(bad), bad).toBeUndefined();
    }
  });
});

describe('the job catalog', () => {
  it('names each job by its module, which exports job and handler, on a schedule the local scheduler runs or a stream filter', async () => {
    for (const job of jobs) {
      expect(existsSync(jobModuleFile(job)), job.name).toBe(true);
      const mod = await import(`#functions/jobs/${job.name}.ts`);
      expect(mod.job).toBe(job);
      expect(typeof mod.handler).toBe('function');
      if (isScheduled(job)) expect(parseRate(job.trigger.schedule), job.name).toBeDefined();
      else expect(isStreamJob(job) && job.trigger.stream.entities.length, job.name).toBeGreaterThan(0);
    }
  });
});

describe('scheduledHandler', () => {
  it('returns the result and rethrows a failure with its name, so the invocation fails', async () => {
    const ok = scheduledHandler(defineJob({ name: 'ok-job', trigger: { schedule: 'rate(1 hour)' }, run: async ({ at }) => ({ at: at.toISOString() }) }));
    expect(await ok({ time: '2026-01-01T00:00:00Z' })).toEqual({ at: '2026-01-01T00:00:00.000Z' });
    const failing = scheduledHandler(
      defineJob({ name: 'failing-job', trigger: { schedule: 'rate(1 hour)' }, run: async () => { throw Object.assign(new Error('boom'), { name: 'ThrottlingException' }); } }),
    );
    await expect(failing({})).rejects.toMatchObject({ name: 'ThrottlingException', message: 'boom' });
  });
});

describe('the local scheduler', () => {
  it('reads JOBS_LOCAL and JOBS_LOCAL_INTERVAL_MS', () => {
    expect(schedulerConfig({})).toEqual({ enabled: true, intervalMs: undefined });
    expect(schedulerConfig({ JOBS_LOCAL: 'off', JOBS_LOCAL_INTERVAL_MS: '250' })).toEqual({ enabled: false, intervalMs: 250 });
  });

  it('schedules nothing when off, and each catalog job at its period when on', async () => {
    const off = startScheduler({ jobs, enabled: false });
    expect(off.scheduled).toEqual([]);
    await off.stop();
    const on = startScheduler({ jobs, enabled: true });
    expect(on.scheduled).toEqual(jobs.filter(isScheduled).map((j) => ({ name: j.name, periodMs: parseRate(j.trigger.schedule)!.ms })));
    const started = Date.now();
    await on.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("runs a job now through its module's handler and returns its result", async () => {
    const s = startScheduler({ jobs, enabled: false });
    const result = await s.runNow('restart-unstarted-workflows');
    expect(result).toMatchObject({ examined: expect.any(Number), relaunched: expect.any(Number), failed: 0, more: false });
    await expect(s.runNow('no-such-job')).rejects.toThrow('no job no-such-job');
    await s.stop();
  });

  it('skips a cron schedule locally with a warning instead of failing the stack', async () => {
    const cron = defineJob({ name: 'nightly', trigger: { schedule: 'cron(0 3 * * ? *)' }, run: async () => 0 });
    const s = startScheduler({ jobs: [cron], enabled: true });
    expect(s.scheduled).toEqual([]);
    await s.stop();
  });
});

describe('streamHandler', () => {
  const rec = (seq: string, entity: string, id: string) => ({
    eventID: seq,
    eventName: 'INSERT' as const,
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { pk: { S: id }, sk: { S: 'x' } }, NewImage: { pk: { S: id }, sk: { S: 'x' }, entity: { S: entity }, empty: { M: {} } }, SequenceNumber: seq },
  });

  it('runs each wanted record with its unmarshalled images and reports only the failed ones by sequence number', async () => {
    const seen: unknown[] = [];
    const job = defineJob({
      name: 'test-stream-job',
      trigger: { stream: { entities: ['thing'] } },
      run: async (change) => {
        if (change.keys.pk === 'bad') throw new Error('boom');
        seen.push(change);
      },
    });
    const res = await streamHandler(job)({ Records: [rec('1', 'thing', 'a'), rec('2', 'thing', 'bad'), rec('3', 'other', 'c'), rec('4', 'thing', 'd')] });
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(seen).toEqual([
      { eventName: 'INSERT', keys: { pk: 'a', sk: 'x' }, newImage: { pk: 'a', sk: 'x', entity: 'thing', empty: {} }, oldImage: undefined, sequenceNumber: '1' },
      { eventName: 'INSERT', keys: { pk: 'd', sk: 'x' }, newImage: { pk: 'd', sk: 'x', entity: 'thing', empty: {} }, oldImage: undefined, sequenceNumber: '4' },
    ]);
  });

  it('answers a wholly failed batch as failures too (the event source retries it, bisecting)', async () => {
    const job = defineJob({ name: 'test-stream-job', trigger: { stream: { entities: ['thing'] } }, run: async () => { throw new Error('down'); } });
    expect(await streamHandler(job)({ Records: [rec('7', 'thing', 'a'), rec('8', 'thing', 'b')] })).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }, { itemIdentifier: '8' }] });
  });
});
