/**
 * The deployment-driver port: how a workflow step asks real (or simulated) infrastructure to do one piece of
 * work on one resource of one instance. Shaped like the blob store (shared/blobs): this interface, adapters
 * chosen by configuration (`shared/drivers/index.ts`), nothing else knows which adapter runs.
 *
 * A driver is told *what* to do, never how to reach the table: it gets a self-contained description of the
 * work, and answers either at once (`done: true`, with the outcome) or later (`done: false`: the step then
 * waits for a report that completes it — a task token in AWS, its local emulation in the local stack).
 *
 * Work is idempotent by `workId` (`<operationId>/<resourceId>`): Step Functions retries tasks, and a resumed
 * local run repeats the step that had not completed, so a driver that sees a `workId` again must answer the
 * same outcome and must not provision anything twice.
 */

/** What a workflow asks a driver to do to one resource. */
export type DriverAction =
  | 'create'
  | 'delete'
  | 'start'
  | 'stop'
  | 'restart'
  | 'update'
  | 'scale'
  | 'failover'
  | 'add-custom-dns'
  | 'remove-custom-dns'
  | 'snapshot'
  | 'restore';

/** One piece of work on one resource of an instance: everything a provider's automation needs, ids not documents. */
export interface ResourceWork {
  /** `<operationId>/<resourceId>`: unique per step, the idempotency key. */
  workId: string;
  action: DriverAction;
  providerOrgId: string;
  serviceId: string;
  environmentType: string;
  productTierId: string;
  /** The version set the instance runs. */
  tierVersion: string;
  subscriptionId: string;
  instanceId: string;
  resourceId: string;
  resourceKey: string;
  resourceName: string;
  cloudProvider: string;
  region: string;
  /** The instance's request parameters that belong to this resource (validated, defaults filled). */
  parameters: Record<string, unknown>;
  /** Desired replica count after the work. */
  replicas: number;
  /** Action-specific details (failover: the replica; custom DNS: name and port; restore: the source). */
  details?: Record<string, unknown>;
}

/** What a resource looks like after the work (all optional: an action may change nothing visible). */
export interface DriverOutcome {
  /** Values the resource reports (output parameters are evaluated from these). */
  outputs?: Record<string, string>;
  /** Endpoint host names the resource answers on. */
  endpoints?: { name: string; host: string; port?: number; publiclyAccessible: boolean }[];
  /** The replicas (nodes) that run it. */
  nodes?: { id: string; availabilityZone: string; status: string; endpoint?: string }[];
}

export type DriverStart =
  /** The work is done; a workflow may still wait `waitSeconds` (simulated provisioning time) before moving on. */
  | { done: true; waitSeconds: number; outcome: DriverOutcome }
  /** The outcome comes back as a report; the step fails after `timeoutSeconds` without one. */
  | { done: false; timeoutSeconds: number };

/** The step waiting for a report (callback drivers): what the automation answers with, and until when. */
export interface WaitingStep {
  /** Random, 128 bits or more: the automation's handle on the step (the callback endpoint's path). */
  callbackId: string;
  /** ISO time after which the step has failed with a timeout. */
  deadline: string;
  timeoutSeconds: number;
}

export interface DeploymentDriver {
  readonly name: 'simulated' | 'callback';
  /** Starts `work`. Throws (an Error with a domain `name`) when the work cannot be started or has failed. */
  start(work: ResourceWork): Promise<DriverStart>;
  /**
   * Callback drivers: hands `token` — which completes the waiting step — to the provider's automation along
   * with the work and the waiting step (EventBridge in AWS; the outbox folder and the log locally). Called again
   * when the step is retried or resumed (a new token in AWS): publishing twice is harmless, the callback id
   * stays the same.
   */
  awaitReport?(token: string, work: ResourceWork, step: WaitingStep): Promise<void>;
}
