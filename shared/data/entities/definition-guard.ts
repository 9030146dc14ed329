/**
 * The uniqueness guards of a tier's definition as they are stored: resource names and keys of the tier, and
 * the parameter keys and file mount paths of some of its resources (each read with one consistent Query on
 * its scope). A discard compares them with the guards the released definition needs, so a discard that was
 * interrupted half way (a guard moved, its old owner not yet restored) is completed from what really exists.
 */
import { keys } from '#shared/data/keys.ts';
import { queryAll, type Key } from '#shared/data/store.ts';

export interface GuardItem extends Key {
  entity: 'guard';
  /** The owner, as `guardHolder(owner)` records it. */
  guardFor: string;
  [attribute: string]: unknown;
}

const read = async (range: Parameters<typeof queryAll>[0]): Promise<GuardItem[]> =>
  (await queryAll<GuardItem>(range)).filter((g) => g.entity === 'guard');

/** The resource name and key guards of a tier. */
export async function resourceGuardsOfTier(serviceId: string, productTierId: string): Promise<GuardItem[]> {
  const [names, resourceKeys] = await Promise.all([read(keys.resourceNameGuardsOfTier(serviceId, productTierId)), read(keys.resourceKeyGuardsOfTier(serviceId, productTierId))]);
  return [...names, ...resourceKeys];
}

/** The parameter key and mount path guards of a resource. */
export async function childGuardsOfResource(serviceId: string, resourceId: string): Promise<GuardItem[]> {
  const parts = await Promise.all([
    read(keys.inputParameterKeyGuardsOfResource(serviceId, resourceId)),
    read(keys.outputParameterKeyGuardsOfResource(serviceId, resourceId)),
    read(keys.fileMountPathGuardsOfResource(serviceId, resourceId)),
  ]);
  return parts.flat();
}
