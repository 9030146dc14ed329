/**
 * `npm start`: runs the local stack in the foreground until Ctrl-C / SIGTERM, then stops gracefully (no new
 * requests, in-flight ones answered, DynamoDB Local shut down cleanly) so nothing acknowledged is lost and
 * no Java process is left behind. PORT (default 8080) and DATA_DIR (default .data) select the instance.
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
if (stack.resumed.length) console.log(`  resumed ${stack.resumed.length} workflow execution(s): ${stack.resumed.join(', ')}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    // A second Ctrl-C: stop at once (the watchdog still takes DynamoDB Local down with us).
    console.log(`${signal} again: exiting now`);
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopping (finishing requests in flight, then DynamoDB Local)…`);
  try {
    await stack.stop();
    console.log('stopped');
    process.exit(0);
  } catch (e) {
    console.error(`stop failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
