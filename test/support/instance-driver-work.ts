/** The driver work recorded for an instance, in start order (what a test counts to prove nothing ran twice). */
import { keys } from '#shared/data/keys.ts';
import { queryAll } from '#shared/data/store.ts';
import type { DriverWorkItem } from '#shared/data/entities/driver-work.ts';

export async function listDriverWorkOfInstance(instanceId: string): Promise<DriverWorkItem[]> {
  const items = await queryAll<DriverWorkItem & { gsi1sk: string }>(keys.driverWorkOfInstance(instanceId));
  return items.filter((i) => i.entity === 'driverWork').sort((a, b) => a.gsi1sk.localeCompare(b.gsi1sk));
}
