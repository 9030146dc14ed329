/**
 * The cloud on one machine: DynamoDB Local + the table + local secrets + the HTTP server with every
 * registered operation and the docs function + the workflow runner (infra/local/sfn-runner.ts), which
 * `startWorkflow` hands runs to and which, at start, resumes every execution still RUNNING. Used by
 * `npm start` and by the end-to-end tests.
 * The job scheduler (infra/local/scheduler.ts) runs the scheduled jobs, the stream poller
 * (infra/local/stream-poller.ts) the stream jobs (the audit projection) on DynamoDB Local's stream.
 * `stop()` is graceful: the server stops taking requests and lets in-flight ones finish, the job scheduler
 * and the stream poller stop and let a run in flight finish (the poller's checkpoint is on disk), workflow
 * runs are set aside (they stay RUNNING and resume at the next start), then DynamoDB Local is stopped.
 */
import type { Server } from 'node:http';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { recordEndpoint } from '#infra/local/table-access.ts';
import { ensureTable, startDynamoLocal, type DynamoLocal } from '#infra/local/dynamodb.ts';
import { closeGracefully, createApiServer, type Route } from '#infra/local/server.ts';
import { ensureLocalSecrets } from '#shared/secrets.ts';
import { resetDbClient } from '#shared/data/client.ts';
import type { WorkflowCatalog } from '#shared/registry/task.ts';
import { createLocalRunner, type LocalRunner } from '#infra/local/sfn-runner.ts';
import { startScheduler, type LocalScheduler } from '#infra/local/scheduler.ts';
import { startStreamPoller, type LocalStreamPoller } from '#infra/local/stream-poller.ts';

export interface LocalStackOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dataDir: string;
  /** Keep DynamoDB data in memory (tests); secrets and outbox still go to dataDir. */
  inMemory?: boolean;
  tableName?: string;
  /** The workflows the runner knows (default: the catalog, functions/workflows/index.ts; tests add fixtures). */
  workflows?: WorkflowCatalog;
}

export interface LocalStack {
  baseUrl: string;
  dataDir: string;
  dynamo: DynamoLocal;
  workflows: LocalRunner;
  /** The job scheduler (infra/local/scheduler.ts); JOBS_LOCAL=off leaves it with nothing scheduled. */
  jobs: LocalScheduler;
  /** The stream poller (infra/local/stream-poller.ts); JOBS_LOCAL=off leaves it off its timer (`drain()` still works). */
  streams: LocalStreamPoller;
  /** The executions found RUNNING at start and taken up again. */
  resumed: string[];
  stop(): Promise<void>;
}

function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(opts.dataDir);
  const tableName = opts.tableName ?? 'omnistrate';
  ensureLocalSecrets(dataDir);
  const dynamo = await startDynamoLocal({ dataDir: opts.inMemory ? undefined : dataDir });
  try {
    await ensureTable(dynamo.endpoint, tableName);
  } catch (e) {
    await dynamo.stop();
    throw e;
  }
  // The local commands (npm run meter / invoices) find the running stack's table through this file.
  const forgetEndpoint = opts.inMemory ? () => {} : recordEndpoint(dataDir, dynamo.endpoint);
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    DATA_DIR: dataDir,
    MAIL_TRANSPORT: 'outbox',
    BUILD_COMMIT_SHA: process.env.BUILD_COMMIT_SHA ?? gitCommit(),
    BUILD_TIMESTAMP: process.env.BUILD_TIMESTAMP ?? new Date().toISOString(),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  resetDbClient();
  // Loaded after the environment is set; handlers read settings lazily anyway.
  const [{ operations }, { lambdaHandler }, docs, catalog, { loadWorkflows }, { registerWorkflowStarter }] = await Promise.all([
    import('#functions/registry.ts'),
    import('#shared/http/handler.ts'),
    import('#functions/docs/serve-docs.ts'),
    import('#functions/workflows/index.ts'),
    import('#infra/workflow-catalog.ts'),
    import('#shared/workflows/start.ts'),
  ]);
  const { jobs: jobCatalog } = await import('#functions/jobs/index.ts');
  let runner: LocalRunner;
  let resumed: string[];
  try {
    runner = createLocalRunner({ workflows: await loadWorkflows(opts.workflows ?? catalog.workflows) });
    registerWorkflowStarter(runner.start);
    // Before serving: what a killed process left RUNNING goes on (in the background) from where it stood.
    resumed = await runner.resume();
  } catch (e) {
    await dynamo.stop();
    throw e;
  }
  const routes: Route[] = [
    ...operations.map((op) => ({ op, handler: lambdaHandler(op) })),
    ...docs.docsRoutes.map((r) => ({ op: { ...r, operationId: 'ServeDocs' }, handler: docs.handler })),
  ];
  const server: Server = createApiServer(routes);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  if (!process.env.PUBLIC_URL) process.env.PUBLIC_URL = `http://${host}:${port}`;
  const scheduler = startScheduler({ jobs: jobCatalog });
  const streams = startStreamPoller({ jobs: jobCatalog, endpoint: dynamo.endpoint, tableName, checkpointDir: resolve(dataDir, 'streams') });
  return {
    baseUrl: `http://${host}:${port}`,
    dataDir,
    dynamo,
    workflows: runner,
    jobs: scheduler,
    streams,
    resumed,
    stop: async () => {
      await closeGracefully(server);
      await scheduler.stop();
      await streams.stop();
      await runner.stop();
      registerWorkflowStarter(undefined);
      forgetEndpoint();
      await dynamo.stop();
    },
  };
}
