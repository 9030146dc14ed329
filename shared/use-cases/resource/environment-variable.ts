/** Environment variable use cases: SetEnvironmentVariables, UnsetEnvironmentVariables. */
import type { EnvVar } from '#shared/data/entities/resource.ts';
import { withEnvironmentVariables, withoutEnvironmentVariables } from '#shared/domain/resources.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { changeResource } from '#shared/use-cases/resource/change.ts';

/** Merged by key: others are kept. */
export function setEnvironmentVariables(caller: Caller, serviceId: string, id: string, input: { environmentVariables: EnvVar[] }): Promise<void> {
  return changeResource(caller, serviceId, id, 'environmentVariables', (r) => withEnvironmentVariables(r, input.environmentVariables));
}

/** Removed by key; keys not set are ignored (a value, when sent, too). */
export function unsetEnvironmentVariables(caller: Caller, serviceId: string, id: string, input: { environmentVariables: { key: string }[] }): Promise<void> {
  const keys = input.environmentVariables.map((v) => v.key);
  return changeResource(caller, serviceId, id, 'environmentVariables', (r) => withoutEnvironmentVariables(r, keys));
}
