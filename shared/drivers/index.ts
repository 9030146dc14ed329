/**
 * Which deployment driver does a piece of work: DEPLOYMENT_DRIVER (`simulated`, the default, or `callback`),
 * unless DEPLOYMENT_DRIVER_OVERRIDES names another for the work's plan, service or environment type:
 * `;`-separated `<selector>=<driver>` with selector `plan:<productTierId>`, `service:<serviceId>` or
 * `env:<environmentType>`; the most specific match wins (plan, then service, then env). E.g.
 * `DEPLOYMENT_DRIVER_OVERRIDES='env:PROD=callback;service:s-123=simulated'`.
 *
 * The choice is made once per piece of work, when it starts, and recorded with it (shared/data/entities/
 * driver-work.ts): a retried or resumed step keeps its driver even if the configuration changed meanwhile.
 */
import { config } from '#shared/config.ts';
import { callbackDriver } from '#shared/drivers/callback.ts';
import type { DeploymentDriver, ResourceWork } from '#shared/drivers/driver.ts';
import { simulatedDriver } from '#shared/drivers/simulated.ts';

export type DriverName = DeploymentDriver['name'];

const drivers: Record<DriverName, () => DeploymentDriver> = { simulated: simulatedDriver, callback: callbackDriver };
const cache = new Map<DriverName, DeploymentDriver>();

export function driverNamed(name: DriverName): DeploymentDriver {
  let d = cache.get(name);
  if (!d) cache.set(name, (d = drivers[name]()));
  return d;
}

const isDriverName = (v: string): v is DriverName => v === 'simulated' || v === 'callback';

/** The driver name configured for `work` (see the module comment). */
export function driverNameFor(
  work: Pick<ResourceWork, 'productTierId' | 'serviceId' | 'environmentType'>,
  overrides = config.deploymentDriverOverrides,
  fallback: DriverName = config.deploymentDriver,
): DriverName {
  const rules = new Map<string, DriverName>();
  for (const entry of overrides.split(';')) {
    const [selector, name] = entry.split('=').map((s) => s.trim());
    if (selector && name && isDriverName(name)) rules.set(selector, name);
  }
  return (
    rules.get(`plan:${work.productTierId}`) ??
    rules.get(`service:${work.serviceId}`) ??
    rules.get(`env:${work.environmentType}`) ??
    fallback
  );
}

export function driverFor(work: Pick<ResourceWork, 'productTierId' | 'serviceId' | 'environmentType'>): DeploymentDriver {
  return driverNamed(driverNameFor(work));
}
