/**
 * Runtime settings, read from the environment once. The local stack and the CDK app set the same names.
 */
export const config = {
  /** The service name in every log line (Powertools reads the log level itself). */
  get serviceName(): string {
    return process.env.POWERTOOLS_SERVICE_NAME ?? 'omnistrate-registration-api';
  },
  get tableName(): string {
    return process.env.TABLE_NAME ?? 'omnistrate';
  },
  /** Set locally to DynamoDB Local's URL; unset in AWS. */
  get dynamoEndpoint(): string | undefined {
    return process.env.DYNAMODB_ENDPOINT || undefined;
  },
  get region(): string {
    return process.env.AWS_REGION ?? 'us-east-1';
  },
  /** Local only: where secrets, the mail outbox and blobs live. */
  get dataDir(): string {
    return process.env.DATA_DIR ?? '.data';
  },
  /** Cloud only: the Secrets Manager secret holding the signing keys. */
  get secretArn(): string | undefined {
    return process.env.SECRET_ARN || undefined;
  },
  /** `ses` in AWS, `outbox` locally. */
  get mailTransport(): 'ses' | 'outbox' {
    return process.env.MAIL_TRANSPORT === 'ses' ? 'ses' : 'outbox';
  },
  get mailFrom(): string {
    return process.env.MAIL_FROM ?? 'no-reply@localhost';
  },
  /** Base URL of the web pages that verification and reset links point at. */
  get publicUrl(): string {
    return process.env.PUBLIC_URL ?? 'http://127.0.0.1:8080';
  },
  get tokenTtlSeconds(): number {
    return Number(process.env.JWT_TTL_SECONDS ?? 24 * 3600);
  },
  /** How long a read may reuse a session confirmation within one process; 0 (or invalid) turns reuse off. */
  get sessionCacheSeconds(): number {
    const s = Number(process.env.SESSION_CACHE_SECONDS ?? 5);
    return Number.isFinite(s) && s > 0 ? s : 0;
  },
  /** Cloud only: the S3 bucket holding resource files; unset locally (files go under dataDir/blobs). */
  get blobBucket(): string | undefined {
    return process.env.BLOB_BUCKET || undefined;
  },
  /** How long one container registry request may take (compose-gen), in ms; default 10 s. */
  get registryTimeoutMs(): number {
    const ms = Number(process.env.REGISTRY_TIMEOUT_MS ?? 10_000);
    return Number.isFinite(ms) && ms > 0 ? ms : 10_000;
  },
  /**
   * How long all registry requests of one compose-gen call may take together, in ms; default 20 s, under the
   * functions' 28 s timeout.
   */
  get registryDeadlineMs(): number {
    const ms = Number(process.env.REGISTRY_DEADLINE_MS ?? 20_000);
    return Number.isFinite(ms) && ms > 0 ? ms : 20_000;
  },
  /**
   * Registry hosts (without port) spoken to over plain http; all others use https. Default `localhost,127.0.0.1`
   * (local registries and the tests' fake); set REGISTRY_HTTP_HOSTS to an empty string to allow none.
   */
  get registryHttpHosts(): string[] {
    return (process.env.REGISTRY_HTTP_HOSTS ?? 'localhost,127.0.0.1')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
  },
  /** Reported by the version endpoints; set by the build (CDK) or the local stack. */
  get buildCommitSha(): string {
    return process.env.BUILD_COMMIT_SHA || 'unknown';
  },
  get buildTimestamp(): string {
    return process.env.BUILD_TIMESTAMP || 'unknown';
  },
  /**
   * Cloud only: the ARN of `workflow`'s state machine, set (by the CDK app) only on functions whose registry
   * entry declares the workflow in `workflows`.
   */
  workflowArn(workflow: string): string | undefined {
    return process.env[workflowArnVariable(workflow)] || undefined;
  },
  /**
   * Local only: when set (milliseconds, ≥ 0), every Wait state of a locally run workflow waits this long
   * instead of its own duration (tests set it low). Unset: Wait states are honoured.
   */
  get localWaitMs(): number | undefined {
    const raw = process.env.WORKFLOW_LOCAL_WAIT_MS;
    if (raw === undefined || raw === '') return undefined;
    const ms = Number(raw);
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  },
  /**
   * The deployment driver (shared/drivers): `simulated` (default) or `callback`. DEPLOYMENT_DRIVER_OVERRIDES
   * picks another one per environment type, service or plan: `env:DEV=callback;plan:<productTierId>=simulated`
   * (the most specific selector wins: plan, then service, then env).
   */
  get deploymentDriver(): 'simulated' | 'callback' {
    return process.env.DEPLOYMENT_DRIVER === 'callback' ? 'callback' : 'simulated';
  },
  get deploymentDriverOverrides(): string {
    return process.env.DEPLOYMENT_DRIVER_OVERRIDES ?? '';
  },
  /** Simulated driver: how long a piece of work "takes" (the workflow's Wait), seconds; default 3, 0 in tests. */
  get driverDelaySeconds(): number {
    const s = Number(process.env.DRIVER_DELAY_SECONDS ?? 3);
    return Number.isFinite(s) && s >= 0 ? Math.min(Math.floor(s), 3600) : 3;
  },
  /**
   * Simulated driver: injected failures, `;`-separated `<resourceKey>[/<action>]=<reason>` (`*` matches any
   * resource key; no action means create), e.g. `cache/create=no capacity in us-east-1`.
   */
  get driverFailures(): string {
    return process.env.DRIVER_FAILURES ?? '';
  },
  /** Callback driver: how long a step waits for the automation's report before it fails; default 1 hour. */
  get driverCallbackTimeoutSeconds(): number {
    const s = Number(process.env.DRIVER_CALLBACK_TIMEOUT_SECONDS ?? 3600);
    return Number.isFinite(s) && s >= 1 ? Math.min(Math.floor(s), 7 * 24 * 3600) : 3600;
  },
  /**
   * Cloud only: the EventBridge bus the callback driver publishes work to (the CDK app sets it, `default` for
   * the account's default bus). Unset locally: work goes to `$DATA_DIR/driver/outbox/` and the log.
   */
  get driverEventBus(): string | undefined {
    return process.env.DRIVER_EVENT_BUS || undefined;
  },
};

/** `promote-environment` → `WORKFLOW_ARN_PROMOTE_ENVIRONMENT`. */
export function workflowArnVariable(workflow: string): string {
  return `WORKFLOW_ARN_${workflow.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
