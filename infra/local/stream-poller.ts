/**
 * The local stand-in for DynamoDB stream event sources (docs/decisions/007): reads DynamoDB Local's stream of
 * the table and hands each catalog stream job's records — filtered by the job's entities, as the event
 * source's filter does in AWS — to the job module's exported `handler`, the very function the cloud invokes,
 * in batches of at most `batchSize` with the Lambda event's shape.
 *
 * Positions are kept per job and shard in `<checkpointDir>/<table>.<job>.json` (written after each batch,
 * atomically), so a restart resumes after the last record handled: nothing is lost, and at most the batch
 * in flight at a kill is handled again (stream jobs are idempotent). A batch's failed records
 * (`batchItemFailures`, or a thrown handler: all of them) are retried from the first failure, as Lambda does,
 * up to `maxAttempts`; then the record is appended to `<checkpointDir>/<table>.<job>.failed.jsonl` (the
 * local counterpart of the on-failure queue) and passed.
 *
 * Several processes may drain the same table (the test workers do): each reads the checkpoint at the start of
 * a drain and only moves it forward when writing, so a drain always handles every record committed before it
 * began; two drains racing handle some records twice, which an idempotent job absorbs.
 *
 * Config: `JOBS_LOCAL=off` polls nothing on a timer (the test setup; tests call `drain()`, see
 * test/support/audit.ts), `STREAMS_LOCAL_INTERVAL_MS=<ms>` is the poll period (default 500).
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { isStreamJob, jobModuleFile, type AnyJob, type AnyStreamJob } from '#shared/registry/job.ts';
import type { StreamJobHandler } from '#shared/jobs/job-handler.ts';
import { logger } from '#shared/logger.ts';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface StreamPollerOptions {
  /** The catalog; only its stream jobs are polled for. */
  jobs: readonly AnyJob[];
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  tableName: string;
  /** Where positions and dead letters are kept (the local stack: `$DATA_DIR/streams`). */
  checkpointDir: string;
  /** Poll on a timer (default: JOBS_LOCAL !== 'off'); `drain()` works either way. */
  enabled?: boolean;
  /** The timer's period (default: STREAMS_LOCAL_INTERVAL_MS, else 500 ms). */
  intervalMs?: number;
  /** Attempts at a failing record before it is set aside (default 3). */
  maxAttempts?: number;
  /** Records per handler call (default 100, the event source's batch size). */
  batchSize?: number;
}

export interface LocalStreamPoller {
  /** The stream jobs polled for. */
  jobs: string[];
  /** Reads the stream to its end for every stream job, handling what is new; resolves when caught up. */
  drain(): Promise<{ records: number; failed: number }>;
  stop(opts?: { graceMs?: number }): Promise<void>;
}

/** The poller's settings from the environment. */
export function streamPollerConfig(env: NodeJS.ProcessEnv = process.env): { enabled: boolean; intervalMs: number } {
  const ms = Number(env.STREAMS_LOCAL_INTERVAL_MS);
  return { enabled: env.JOBS_LOCAL !== 'off', intervalMs: Number.isFinite(ms) && ms > 0 ? ms : 500 };
}

interface Checkpoint {
  streamArn: string;
  /** shard id → the sequence number of the last record handled (or set aside). */
  shards: Record<string, string>;
}

const later = (a: string, b: string) => (BigInt(a) >= BigInt(b) ? a : b);

function readCheckpoint(file: string): Checkpoint | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return undefined;
  }
}

/** Writes `ours`, merged with what another process may have written meanwhile: positions only move forward. */
function writeCheckpoint(file: string, ours: Checkpoint): void {
  const theirs = readCheckpoint(file);
  const shards = { ...ours.shards };
  if (theirs?.streamArn === ours.streamArn) {
    for (const [id, seq] of Object.entries(theirs.shards)) shards[id] = shards[id] ? later(shards[id], seq) : seq;
  }
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, JSON.stringify({ streamArn: ours.streamArn, shards }));
  renameSync(tmp, file);
}

type Value = Record<string, unknown>;

/**
 * DynamoDB Local writes an empty map into its stream as `{}` instead of `{ "M": {} }` (the table itself holds
 * the map; lists are right): the one difference from what DynamoDB hands Lambda, mended here, deeply.
 */
function mended(v: Value): Value {
  const keys = Object.keys(v);
  if (keys.length === 0) return { M: {} };
  if (v.M && typeof v.M === 'object') return { M: mendedImage(v.M as Record<string, Value>) };
  if (Array.isArray(v.L)) return { L: (v.L as Value[]).map(mended) };
  return v;
}
const mendedImage = (image: Record<string, Value> | undefined) => (image ? Object.fromEntries(Object.entries(image).map(([k, v]) => [k, mended(v)])) : undefined);

/** A record in the Lambda event's shape (the Streams API's record is the same JSON), images mended. */
function asLambdaRecord(r: _Record): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const images = { NewImage: mendedImage(d.NewImage as unknown as Record<string, Value>), OldImage: mendedImage(d.OldImage as unknown as Record<string, Value>) };
  return { ...r, dynamodb: { ...d, ...Object.fromEntries(Object.entries(images).filter(([, i]) => i !== undefined)) } } as unknown as DynamoDBRecord;
}

const entityOf = (r: _Record): string[] => [r.dynamodb?.NewImage?.entity?.S, r.dynamodb?.OldImage?.entity?.S].filter((e): e is string => !!e);

async function handlerOf(job: AnyJob): Promise<StreamJobHandler> {
  const mod = (await import(pathToFileURL(join(PROJECT_ROOT, jobModuleFile(job))).href)) as { handler?: StreamJobHandler };
  if (typeof mod.handler !== 'function') throw new Error(`${jobModuleFile(job)} exports no handler`);
  return mod.handler;
}

export function startStreamPoller(opts: StreamPollerOptions): LocalStreamPoller {
  const env = streamPollerConfig();
  const enabled = opts.enabled ?? env.enabled;
  const intervalMs = opts.intervalMs ?? env.intervalMs;
  const maxAttempts = opts.maxAttempts ?? 3;
  const batchSize = opts.batchSize ?? 100;
  const streamJobs = opts.jobs.filter(isStreamJob);
  const client = new DynamoDBStreamsClient({
    endpoint: opts.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  mkdirSync(opts.checkpointDir, { recursive: true });
  const fileOf = (job: AnyStreamJob, suffix: string) => join(opts.checkpointDir, `${opts.tableName}.${job.name}.${suffix}`);

  async function streamOfTable(): Promise<{ arn: string; shards: Shard[] } | undefined> {
    const { Streams = [] } = await client.send(new ListStreamsCommand({ TableName: opts.tableName }));
    const arn = Streams[Streams.length - 1]?.StreamArn;
    if (!arn) return undefined;
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const d = await client.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      shards.push(...(d.StreamDescription?.Shards ?? []));
      start = d.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    // Parents before children: a child's records follow its parent's.
    const ids = new Set(shards.map((s) => s.ShardId));
    const depth = (s: Shard): number => (s.ParentShardId && ids.has(s.ParentShardId) ? 1 + depth(shards.find((p) => p.ShardId === s.ParentShardId)!) : 0);
    return { arn, shards: shards.sort((a, b) => depth(a) - depth(b)) };
  }

  /** One job over one shard, from its checkpoint to the shard's end. */
  async function drainShard(job: AnyStreamJob, handler: StreamJobHandler, arn: string, shardId: string, cp: Checkpoint, totals: { records: number; failed: number }) {
    const iteratorAfter = async (seq: string | undefined) =>
      (
        await client.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shardId,
            ...(seq ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seq } : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        )
      ).ShardIterator;
    let iterator = await iteratorAfter(cp.shards[shardId]);
    const attempts = new Map<string, number>();
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      const records = page.Records ?? [];
      if (!records.length) break; // caught up (an open shard), or a closed shard read to its end
      const wanted = records.filter((r) => entityOf(r).some((e) => job.trigger.stream.entities.includes(e)));
      let firstFailed: string | undefined;
      if (wanted.length) {
        let response: DynamoDBBatchResponse;
        try {
          response = await handler({ Records: wanted.map(asLambdaRecord) });
        } catch (e) {
          logger.warn(`stream job ${job.name}: the handler failed the whole batch: ${e instanceof Error ? e.message : String(e)}`);
          response = { batchItemFailures: [{ itemIdentifier: wanted[0].dynamodb!.SequenceNumber! }] };
        }
        const failedSeqs = response.batchItemFailures.map((f) => f.itemIdentifier).filter((s): s is string => !!s);
        firstFailed = failedSeqs.reduce<string | undefined>((min, s) => (min === undefined || BigInt(s) < BigInt(min) ? s : min), undefined);
      }
      const handled = firstFailed === undefined ? records : records.filter((r) => BigInt(r.dynamodb!.SequenceNumber!) < BigInt(firstFailed!));
      totals.records += wanted.filter((r) => handled.includes(r)).length;
      let position = handled.length ? handled[handled.length - 1].dynamodb!.SequenceNumber! : cp.shards[shardId];
      if (firstFailed !== undefined) {
        const n = (attempts.get(firstFailed) ?? 0) + 1;
        attempts.set(firstFailed, n);
        if (n >= maxAttempts) {
          const record = records.find((r) => r.dynamodb?.SequenceNumber === firstFailed);
          appendFileSync(fileOf(job, 'failed.jsonl'), `${JSON.stringify({ at: new Date().toISOString(), job: job.name, attempts: n, record })}\n`);
          logger.error(`stream job ${job.name}: record ${firstFailed} failed ${n} times; set aside in ${fileOf(job, 'failed.jsonl')}`);
          totals.failed++;
          position = firstFailed;
        } else {
          await new Promise((r) => setTimeout(r, 10 * n));
        }
      }
      if (position && position !== cp.shards[shardId]) {
        cp.shards[shardId] = position;
        writeCheckpoint(fileOf(job, 'json'), cp);
      }
      // After a failure, read again from the position (the failed record first); else go on.
      iterator = firstFailed !== undefined ? await iteratorAfter(position) : page.NextShardIterator;
    }
  }

  async function drainJob(job: AnyStreamJob, totals: { records: number; failed: number }) {
    const stream = await streamOfTable();
    if (!stream) return;
    const handler = await handlerOf(job);
    const stored = readCheckpoint(fileOf(job, 'json'));
    // Another stream (the table was recreated) starts from its beginning.
    const cp: Checkpoint = stored?.streamArn === stream.arn ? stored : { streamArn: stream.arn, shards: {} };
    for (const shard of stream.shards) await drainShard(job, handler, stream.arn, shard.ShardId!, cp, totals);
  }

  // One drain at a time in this process: a timer tick and a test's drain queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  function drain(): Promise<{ records: number; failed: number }> {
    const run = queue.then(async () => {
      const totals = { records: 0, failed: 0 };
      for (const job of streamJobs) await drainJob(job, totals);
      return totals;
    });
    queue = run.catch(() => {});
    return run;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  if (enabled && streamJobs.length) {
    const tick = () => {
      if (stopped) return;
      drain()
        .catch((e) => logger.warn(`stream poller: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, intervalMs).unref();
        });
    };
    timer = setTimeout(tick, intervalMs).unref();
  }

  return {
    jobs: enabled ? streamJobs.map((j) => j.name) : [],
    drain,
    async stop({ graceMs = 5_000 } = {}) {
      stopped = true;
      clearTimeout(timer);
      let t: NodeJS.Timeout | undefined;
      await Promise.race([queue, new Promise((ok) => (t = setTimeout(ok, graceMs).unref()))]);
      clearTimeout(t);
      client.destroy();
    },
  };
}
