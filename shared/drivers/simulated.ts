/**
 * The simulated deployment driver (the default): provisions nothing, answers at once with an outcome derived
 * only from the work's ids, replicas and region — the same work always gives the same outcome — and asks the
 * workflow to wait DRIVER_DELAY_SECONDS (0 in tests) as if the work took that long.
 *
 * Failure injection, for tests and for trying a failure by hand against `npm start`:
 * - DRIVER_FAILURES (config): `;`-separated `<resourceKey>[/<action>]=<reason>`; `*` matches every resource
 *   key, no action means `create`. E.g. `DRIVER_FAILURES='cache/create=no capacity left in us-east-1'`.
 * - a parameter `simulatedFailure` of the resource (declare it as an input parameter of the resource and set it
 *   on the instance): `<reason>` fails the create, `<action>=<reason>` that action.
 * A failed start throws DeploymentFailed with the reason, which the step's Catch records.
 */
import { createHash } from 'node:crypto';
import { config } from '#shared/config.ts';
import { DeploymentFailed } from '#shared/errors.ts';
import type { DeploymentDriver, DriverAction, DriverOutcome, DriverStart, ResourceWork } from '#shared/drivers/driver.ts';

const ACTIONS: readonly DriverAction[] = [
  'create', 'delete', 'start', 'stop', 'restart', 'update', 'scale', 'failover', 'add-custom-dns', 'remove-custom-dns', 'snapshot', 'restore',
];

/** The parameter a resource may declare to fail its own simulated work. */
export const SIMULATED_FAILURE_PARAMETER = 'simulatedFailure';

export interface InjectedFailure {
  resourceKey: string;
  action: DriverAction;
  reason: string;
}

/** Parses DRIVER_FAILURES; malformed entries are ignored (a typo must not fail unrelated work). */
export function parseFailureRules(text: string): InjectedFailure[] {
  return text
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const eq = entry.indexOf('=');
      if (eq <= 0) return [];
      const [resourceKey, action = 'create'] = entry.slice(0, eq).trim().split('/');
      const reason = entry.slice(eq + 1).trim();
      if (!resourceKey || !reason || !ACTIONS.includes(action as DriverAction)) return [];
      return [{ resourceKey, action: action as DriverAction, reason }];
    });
}

/** The injected failure that applies to `work`, if any (its parameter first, then the configured rules). */
export function injectedFailure(work: ResourceWork, rules = parseFailureRules(config.driverFailures)): string | undefined {
  const own = work.parameters?.[SIMULATED_FAILURE_PARAMETER];
  if (typeof own === 'string' && own.trim()) {
    const eq = own.indexOf('=');
    const named = eq > 0 ? own.slice(0, eq).trim() : '';
    if (ACTIONS.includes(named as DriverAction)) {
      if (named === work.action) return own.slice(eq + 1).trim() || `simulated failure of ${work.action}`;
    } else if (work.action === 'create') return own.trim();
  }
  return rules.find((r) => (r.resourceKey === '*' || r.resourceKey === work.resourceKey) && r.action === work.action)?.reason;
}

/** Availability zones of a region, as each cloud names them (three per region). */
export function availabilityZones(cloudProvider: string, region: string): string[] {
  const suffixes = ['a', 'b', 'c'];
  switch (cloudProvider.toLowerCase()) {
    case 'aws':
      return suffixes.map((s) => `${region}${s}`);
    case 'gcp':
      return suffixes.map((s) => `${region}-${s}`);
    case 'azure':
      return ['1', '2', '3'].map((s) => `${region}-${s}`);
    default:
      return suffixes.map((s) => `${region}-${s}`);
  }
}

/** A short stable hex digest of the parts (ids only: what the outcome may depend on). */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 10);
}

/** What `work` leaves behind: the same for the same instance, resource, replicas, region and action. */
export function simulatedOutcome(work: ResourceWork): DriverOutcome {
  if (work.action === 'delete') return { outputs: {}, endpoints: [], nodes: [] };
  const id = digest(work.instanceId, work.resourceId);
  const host = `${work.resourceKey}-${id}.${work.region}.${work.cloudProvider.toLowerCase()}.simulated.test`;
  const port = Number.isInteger(work.parameters?.port) ? (work.parameters.port as number) : 443;
  const zones = availabilityZones(work.cloudProvider, work.region);
  const status = work.action === 'stop' ? 'STOPPED' : 'RUNNING';
  const replicas = Math.max(0, Math.min(work.replicas, 100));
  const nodes = Array.from({ length: replicas }, (_, i) => ({
    id: `${work.resourceKey}-${id}-${i}`,
    availabilityZone: zones[i % zones.length],
    status,
    endpoint: `${work.resourceKey}-${id}-${i}.${work.region}.${work.cloudProvider.toLowerCase()}.simulated.test`,
  }));
  const endpoints = [{ name: work.resourceKey, host, port, publiclyAccessible: true }];
  const customDns = work.action === 'add-custom-dns' && typeof work.details?.dnsName === 'string' ? work.details.dnsName : undefined;
  if (customDns) endpoints.push({ name: `${work.resourceKey}-custom-dns`, host: customDns, port, publiclyAccessible: true });
  return {
    outputs: {
      endpoint: host,
      host,
      port: String(port),
      connectionString: `${work.resourceKey}://${host}:${port}`,
      region: work.region,
      cloudProvider: work.cloudProvider,
      nodeCount: String(replicas),
    },
    endpoints,
    nodes,
  };
}

export function simulatedDriver(): DeploymentDriver {
  return {
    name: 'simulated',
    async start(work): Promise<DriverStart> {
      const reason = injectedFailure(work);
      if (reason) throw new DeploymentFailed(reason);
      return { done: true, waitSeconds: config.driverDelaySeconds, outcome: simulatedOutcome(work) };
    },
  };
}
