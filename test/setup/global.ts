/**
 * Starts the local stack once per test run (DynamoDB Local in memory, the HTTP server on a free port) and
 * hands its coordinates to every test file via `inject`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dynamoEndpoint: string;
    dataDir: string;
    tableName: string;
  }
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnistrate-test-'));
  // Workflows the run's stack executes wait 10 ms in their Wait states (HTTP tests stay fast).
  process.env.WORKFLOW_LOCAL_WAIT_MS ??= '10';
  // No scheduled job runs in the test stacks; the job tests call the job modules themselves.
  process.env.JOBS_LOCAL ??= 'off';
  // The simulated deployment driver answers at once (no provisioning wait).
  process.env.DRIVER_DELAY_SECONDS ??= '0';
  stack = await startLocalStack({ port: 0, dataDir, inMemory: true, tableName: 'omnistrate-test' });
  project.provide('baseUrl', stack.baseUrl);
  project.provide('dynamoEndpoint', stack.dynamo.endpoint);
  project.provide('dataDir', dataDir);
  project.provide('tableName', 'omnistrate-test');
  return async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
