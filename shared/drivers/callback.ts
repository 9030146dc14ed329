/**
 * The callback deployment driver: the provider's own automation does the work. `start` only says "wait for a
 * report" (with the configured timeout); `awaitReport` publishes everything the automation needs — the work,
 * the callback id, the deadline and how to answer — as an event:
 * - in AWS on EventBridge (the bus in DRIVER_EVENT_BUS; source `omnistrate.deployment-driver`, detail-type
 *   `Deployment Work Requested`), the task token included so an automation with IAM rights may also answer
 *   with SendTaskSuccess / SendTaskFailure itself;
 * - locally as one JSON file per event under `$DATA_DIR/driver/outbox/` plus a log line.
 * The automation answers on the callback endpoint (docs/ports.md): POST
 * /2022-09-01-00/fleet/deployment-driver/callback/{callbackId}.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { config } from '#shared/config.ts';
import { logger } from '#shared/logger.ts';
import type { DeploymentDriver, DriverStart, ResourceWork, WaitingStep } from '#shared/drivers/driver.ts';

export const EVENT_SOURCE = 'omnistrate.deployment-driver';
export const EVENT_DETAIL_TYPE = 'Deployment Work Requested';

/** The path the automation posts its report to. */
export const callbackPath = (callbackId: string) => `/2022-09-01-00/fleet/deployment-driver/callback/${callbackId}`;

/** What the automation receives (the event's `detail`; locally the outbox file). */
export interface DeploymentWorkEvent {
  version: 1;
  callbackId: string;
  /** AWS only: completes the step directly through SendTaskSuccess / SendTaskFailure. */
  taskToken?: string;
  /** No report is taken after this time; the step fails with a timeout. */
  deadline: string;
  timeoutSeconds: number;
  work: ResourceWork;
  respond: {
    method: 'POST';
    url: string;
    path: string;
    authentication: string;
    success: string;
    failure: string;
  };
}

export function workEvent(token: string | undefined, work: ResourceWork, step: WaitingStep): DeploymentWorkEvent {
  const path = callbackPath(step.callbackId);
  return {
    version: 1,
    callbackId: step.callbackId,
    ...(token ? { taskToken: token } : {}),
    deadline: step.deadline,
    timeoutSeconds: step.timeoutSeconds,
    work,
    respond: {
      method: 'POST',
      url: `${config.publicUrl.replace(/\/$/, '')}${path}`,
      path,
      authentication: "Authorization: Bearer <a token of a user of the work's provider org>",
      success: '{ "outputs"?: {name: value}, "endpoints"?: [{name, host, port?, publiclyAccessible}], "nodes"?: [{id, availabilityZone, status, endpoint?}] }',
      failure: '{ "failureReason": "why the work failed" }',
    },
  };
}

export function driverOutboxDir(dataDir = config.dataDir): string {
  return join(dataDir, 'driver', 'outbox');
}

async function writeLocalEvent(event: DeploymentWorkEvent): Promise<string> {
  const dir = driverOutboxDir();
  await mkdir(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${event.callbackId}.json`;
  const temp = join(dir, `.${name}.tmp`);
  await writeFile(temp, JSON.stringify(event, null, 2));
  await rename(temp, join(dir, name));
  return name;
}

/** Every event in the local outbox, oldest first (tests, and a local automation polling the folder). */
export async function readDriverOutbox(dataDir?: string): Promise<DeploymentWorkEvent[]> {
  const dir = driverOutboxDir(dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: DeploymentWorkEvent[] = [];
  for (const n of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    try {
      out.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as DeploymentWorkEvent);
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

// A variable module name: the Lambda runtime ships the SDK; type-checking and local runs never load it.
const eventBridgeModule = '@aws-sdk/client-eventbridge';
let client: Promise<{ eb: any; sdk: any }> | undefined;

async function putEvent(bus: string, event: DeploymentWorkEvent): Promise<void> {
  const { eb, sdk } = await (client ??= import(eventBridgeModule).then((sdk: any) => ({ sdk, eb: new sdk.EventBridgeClient({ region: config.region }) })));
  const out = await eb.send(
    new sdk.PutEventsCommand({
      Entries: [{ EventBusName: bus, Source: EVENT_SOURCE, DetailType: EVENT_DETAIL_TYPE, Detail: JSON.stringify(event), Resources: [] }],
    }),
  );
  if (out.FailedEntryCount) {
    const failed = out.Entries?.[0];
    const err = new Error(`EventBridge refused the work event: ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`.trim());
    err.name = 'DriverEventFailed';
    throw err;
  }
}

export function callbackDriver(): DeploymentDriver {
  return {
    name: 'callback',
    async start(): Promise<DriverStart> {
      return { done: false, timeoutSeconds: config.driverCallbackTimeoutSeconds };
    },
    async awaitReport(token, work, step) {
      const bus = config.driverEventBus;
      if (bus) {
        await putEvent(bus, workEvent(token, work, step));
        logger.info('deployment work published', { workId: work.workId, callbackId: step.callbackId, bus });
        return;
      }
      const file = await writeLocalEvent(workEvent(undefined, work, step));
      logger.info('deployment work waiting for a report', {
        workId: work.workId,
        callbackId: step.callbackId,
        outbox: join(driverOutboxDir(), file),
        answer: `POST ${callbackPath(step.callbackId)}`,
      });
    },
  };
}
