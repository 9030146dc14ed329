/**
 * `npm start`: runs the local stack in the foreground until Ctrl-C / SIGTERM, then stops DynamoDB Local
 * so no Java process is left behind. PORT (default 8080) and DATA_DIR (default .data) select the instance.
 */
import { startLocalStack } from '#infra/local/stack.ts';

const port = Number(process.env.PORT ?? 8080);
const dataDir = process.env.DATA_DIR ?? '.data';

const stack = await startLocalStack({ port, dataDir }).catch((e: Error) => {
  console.error(`local stack failed to start: ${e.message}`);
  process.exit(1);
});

console.log(`Omnistrate Registration API (local) ready at ${stack.baseUrl}`);
console.log(`  data: ${stack.dataDir}   DynamoDB Local: ${stack.dynamo.endpoint}`);
console.log(`  docs: ${stack.baseUrl}/docs   outbox: ${stack.dataDir}/outbox`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
